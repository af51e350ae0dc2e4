/** FFmpeg prints encoder banners and stats to stderr by default; the engine wants errors only. */
import { Log } from 'node-av';
import { AV_LOG_ERROR } from 'node-av/constants';

Log.setLevel(AV_LOG_ERROR);
