package dev.podsift.asr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A RIFF/WAVE header for 16 kHz mono 16-bit PCM: what a piece is uploaded as, and how test audio is built. */
public final class Wav {
    private Wav() {
    }

    /** The 44-byte header for {@code dataBytes} of PCM. */
    public static byte[] header(int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + dataBytes)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(Ffmpeg.SAMPLE_RATE).putInt(Ffmpeg.BYTES_PER_SECOND)
                .putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(dataBytes);
        return b.array();
    }

    /** A complete WAV file of {@code pcm}. */
    public static byte[] of(byte[] pcm, int length) {
        byte[] out = new byte[44 + length];
        System.arraycopy(header(length), 0, out, 0, 44);
        System.arraycopy(pcm, 0, out, 44, length);
        return out;
    }
}
