import { H264Packetizer, OpusPacketizer, RtcpPacketConverter, Vp8Packetizer, type RtpPacket } from 'werift';
import { describe, expect, it } from 'vitest';
import { FrameAssembler, type AssembledFrame } from './frame-assembler.ts';
import { codecByName } from './rtp-codecs.ts';
import { fakeVp8 } from './test-support.ts';
import { fullIntraRequest } from './webrtc-transport.ts';

function assembler(codec: 'VP8' | 'H264' | 'OPUS'): { push(p: RtpPacket[]): void; frames: AssembledFrame[]; keyframeRequests: string[] } {
  const frames: AssembledFrame[] = [];
  const keyframeRequests: string[] = [];
  const a = new FrameAssembler(codecByName(codec)!, { onFrame: (f) => frames.push(f), onNeedKeyframe: (why) => keyframeRequests.push(why) });
  return { push: (packets) => packets.forEach((p) => a.push(p)), frames, keyframeRequests };
}

describe('FrameAssembler', () => {
  const vp8 = () => new Vp8Packetizer({ payloadType: 96, ssrc: 1, maxPayloadSize: 500, sequenceNumber: 65530 });

  it('joins the packets of each VP8 frame (across a sequence wrap), in order, byte for byte', () => {
    const out = assembler('VP8');
    const packetizer = vp8();
    const sent = [fakeVp8(1700, true, 1), fakeVp8(900, false, 2), fakeVp8(30, false, 3)];
    sent.forEach((f, i) => out.push(packetizer.packetize(f, 1000 + i * 3000)));
    expect(out.frames.map((f) => f.data.equals(sent[out.frames.indexOf(f)]!))).toEqual([true, true, true]);
    expect(out.frames.map((f) => f.keyframe)).toEqual([true, false, false]);
    expect(out.keyframeRequests).toEqual([]);
  });

  it('puts reordered packets back in place', () => {
    const out = assembler('VP8');
    const packets = vp8().packetize(fakeVp8(2000, true, 4), 5000);
    expect(packets.length).toBeGreaterThan(3);
    out.push([packets[2]!, packets[0]!, packets[3]!, ...packets.slice(4), packets[1]!]);
    expect(out.frames).toHaveLength(1);
    expect(out.frames[0]!.data.equals(fakeVp8(2000, true, 4))).toBe(true);
  });

  it('drops delta frames until a keyframe, asking for one', () => {
    const out = assembler('VP8');
    const packetizer = vp8();
    out.push(packetizer.packetize(fakeVp8(600, false, 5), 1000));
    expect(out.frames).toHaveLength(0);
    expect(out.keyframeRequests.length).toBeGreaterThan(0);
    out.push(packetizer.packetize(fakeVp8(600, true, 6), 4000));
    expect(out.frames.map((f) => f.keyframe)).toEqual([true]);
  });

  it('gives up a frame that lost a packet, then waits for the next keyframe', () => {
    const out = assembler('VP8');
    const packetizer = vp8();
    out.push(packetizer.packetize(fakeVp8(800, true, 7), 1000));
    const broken = packetizer.packetize(fakeVp8(1400, false, 8), 4000);
    out.push(broken.slice(1)); // the first packet never arrives
    for (let i = 0; i < 14; i++) out.push(packetizer.packetize(fakeVp8(300, false, 9 + i), 7000 + i * 3000));
    expect(out.frames).toHaveLength(1); // only the first keyframe: the rest depend on the lost frame
    expect(out.keyframeRequests).toContain('incomplete frame dropped');
    out.push(packetizer.packetize(fakeVp8(500, true, 30), 99000));
    expect(out.frames.at(-1)!.keyframe).toBe(true);
    expect(out.frames).toHaveLength(2);
  });

  it('rebuilds H.264 access units (STAP-A and FU-A) as Annex B', () => {
    const out = assembler('H264');
    const sps = Buffer.from([0x67, 0x42, 0xe0, 0x1f, 0xda, 0x02, 0x80]);
    const pps = Buffer.from([0x68, 0xce, 0x3c, 0x80]);
    const idr = Buffer.concat([Buffer.from([0x65]), Buffer.alloc(3000, 0x5a)]);
    const start = Buffer.from([0, 0, 0, 1]);
    const packets = new H264Packetizer({ payloadType: 102, ssrc: 2, maxPayloadSize: 1000 }).packetize(Buffer.concat([start, sps, start, pps, start, idr]), 9000);
    expect(packets.length).toBeGreaterThan(3);
    out.push(packets);
    expect(out.frames).toHaveLength(1);
    expect(out.frames[0]!.keyframe).toBe(true);
    const data = out.frames[0]!.data;
    for (const nal of [sps, pps, idr]) expect(data.includes(Buffer.concat([Buffer.from([0, 0, 1]), nal]))).toBe(true);
  });

  it('passes each Opus packet as one frame and ignores duplicates', () => {
    const out = assembler('OPUS');
    const packetizer = new OpusPacketizer({ payloadType: 111, ssrc: 3 });
    const first = packetizer.packetize(Buffer.from([0xfc, 1, 2, 3]), 960);
    out.push([...first, ...first, ...packetizer.packetize(Buffer.from([0xfc, 4, 5]), 1920)]);
    expect(out.frames.map((f) => [...f.data])).toEqual([
      [0xfc, 1, 2, 3],
      [0xfc, 4, 5],
    ]);
  });

  it('tells the picture size of a VP8 keyframe', () => {
    const out = assembler('VP8');
    const keyframe = Buffer.concat([Buffer.from([0x50, 0x42, 0x00, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01]), Buffer.alloc(200, 7)]);
    out.push(vp8().packetize(keyframe, 1000));
    expect(out.frames.map((f) => [f.width, f.height])).toEqual([[640, 480]]);
  });
});

describe('fullIntraRequest', () => {
  it('builds an RTCP FIR that werift parses back', () => {
    const [packet] = RtcpPacketConverter.deSerialize(fullIntraRequest(0x11223344, 0xaabbccdd, 7));
    const feedback = (packet as unknown as { feedback: { count: number; fir: { ssrc: number; sequenceNumber: number }[] } }).feedback;
    expect(feedback.count).toBe(4);
    expect(feedback.fir).toEqual([{ ssrc: 0xaabbccdd, sequenceNumber: 7 }]);
  });
});
