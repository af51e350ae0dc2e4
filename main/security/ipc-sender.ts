import { isAppUrl } from '../app-origin.ts';

/** The parts of an IPC event's sender that decide whether to answer it. */
export interface IpcSenderInfo {
  /** event.senderFrame?.url; undefined when the frame has gone. */
  frameUrl: string | undefined;
  /** True when the sending frame is the window's top frame (event.senderFrame.parent === null). */
  isMainFrame: boolean;
  /** True when the sender is the webContents of our main window. */
  isOurWindow: boolean;
}

/** IPC is answered only for our own window's top frame showing our own page. */
export function isTrustedIpcSender(sender: IpcSenderInfo): boolean {
  return sender.isOurWindow && sender.isMainFrame && isAppUrl(sender.frameUrl);
}
