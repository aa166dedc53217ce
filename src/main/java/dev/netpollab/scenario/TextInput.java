package dev.netpollab.scenario;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Text of a user's file as YAML reads it: UTF-8 (or UTF-16 with a byte-order mark, as kubectl accepts), decoded
 * as it streams, so that a byte that is not UTF-8, or a character YAML forbids (a NUL from {@code /dev/zero},
 * an ESC), is reported with its line and column instead of "Input length = 1".
 */
public final class TextInput extends Reader {
    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
    private final CharBuffer chars = CharBuffer.allocate(1 << 16);
    private boolean eof;
    private long byteOffset;
    private long bytesRead;
    private int line = 1;
    private int column = 1;
    private boolean afterCr;
    private char highSurrogate;

    /** Where decoding stopped and why; a subclass of IOException so it passes through the YAML scanner intact. */
    public static final class Unreadable extends IOException {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;

        Unreadable(int line, int column, String message) {
            super(message);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    private TextInput(InputStream in) throws IOException {
        PushbackInputStream p = new PushbackInputStream(in, 3);
        byte[] bom = new byte[3];
        int n = p.readNBytes(bom, 0, 3);
        int skip = 0;
        if (n >= 2 && (bom[0] & 0xff) == 0xFF && (bom[1] & 0xff) == 0xFE) {
            decoder = StandardCharsets.UTF_16LE.newDecoder();
            skip = 2;
        } else if (n >= 2 && (bom[0] & 0xff) == 0xFE && (bom[1] & 0xff) == 0xFF) {
            decoder = StandardCharsets.UTF_16BE.newDecoder();
            skip = 2;
        } else {
            decoder = StandardCharsets.UTF_8.newDecoder();
            if (n == 3 && (bom[0] & 0xff) == 0xEF && (bom[1] & 0xff) == 0xBB && (bom[2] & 0xff) == 0xBF) {
                skip = 3;
            }
        }
        if (n > skip) {
            p.unread(bom, skip, n - skip);
        }
        byteOffset = skip;
        decoder.onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        this.in = p;
        bytes.flip();
        chars.flip();
    }

    /** A file, a pipe or a device, read as it streams. */
    public static TextInput open(Path file) throws IOException {
        return new TextInput(Files.newInputStream(file));
    }

    public static TextInput of(InputStream in) throws IOException {
        return new TextInput(in);
    }

    /**
     * The whole text of bytes already in memory (stdin, an editor's file).
     *
     * @throws InvalidInputException naming the line and column of the first byte that is not text
     */
    public static String decode(String name, byte[] data) throws InvalidInputException {
        try (TextInput t = new TextInput(new ByteArrayInputStream(data))) {
            return t.drain();
        } catch (Unreadable u) {
            throw new InvalidInputException(new YamlProblem(name, u.line(), u.column(), "", u.getMessage()));
        } catch (IOException e) {
            throw new InvalidInputException(new YamlProblem(name, 0, 0, "", "cannot read: " + e.getMessage()));
        }
    }

    /**
     * The whole text of a file (or pipe) read as this class reads it, within {@link InputLimits#MAX_INPUT_BYTES}.
     *
     * @throws Unreadable naming the line and column of what is not text
     */
    public static String read(Path file) throws IOException {
        try (TextInput t = open(file)) {
            return t.drain();
        }
    }

    private String drain() throws IOException {
        StringBuilder b = new StringBuilder();
        char[] buf = new char[8192];
        int n;
        while ((n = read(buf, 0, buf.length)) >= 0) {
            b.append(buf, 0, n);
        }
        return b.toString();
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!chars.hasRemaining()) {
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, chars.remaining());
        chars.get(cbuf, off, n);
        return n;
    }

    /** Decodes the next chunk into {@code chars}, checking and counting every character; false at the end. */
    private boolean fill() throws IOException {
        if (eof && !bytes.hasRemaining()) {
            return false;
        }
        if (!eof) {
            bytes.compact();
            int r = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (r < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + r);
                bytesRead += r;
                if (bytesRead > InputLimits.MAX_INPUT_BYTES) {
                    throw new Unreadable(line, column, "the input is larger than " + (InputLimits.MAX_INPUT_BYTES >> 20)
                            + " MiB, the limit for one file; split it into several files (" + InputLimits.DESCRIBE + ")");
                }
            }
            bytes.flip();
        }
        chars.clear();
        int before = bytes.position();
        CoderResult cr = decoder.decode(bytes, chars, eof);
        if (eof && !cr.isError()) {
            cr = decoder.flush(chars);
        }
        chars.flip();
        check(chars);
        byteOffset += bytes.position() - before;
        if (cr.isError()) {
            int bad = bytes.get(bytes.position()) & 0xff;
            throw new Unreadable(line, column, "not " + (decoder.charset() == StandardCharsets.UTF_8 ? "UTF-8" : decoder.charset().name())
                    + " text: byte 0x" + String.format("%02X", bad) + " at offset " + byteOffset
                    + " cannot be decoded; save the file as UTF-8");
        }
        if (eof && !bytes.hasRemaining() && !chars.hasRemaining()) {
            return false;
        }
        return true;
    }

    /** YAML's printable set (1.2 §5.1): tab, line breaks and printable characters; counts lines and columns. */
    private void check(CharBuffer decoded) throws Unreadable {
        for (int i = decoded.position(); i < decoded.limit(); i++) {
            char c = decoded.get(i);
            if (Character.isHighSurrogate(c)) {
                highSurrogate = c;
                continue;
            }
            if (Character.isLowSurrogate(c) && highSurrogate != 0) {
                highSurrogate = 0;
                column++;
                continue;
            }
            highSurrogate = 0;
            if (c == '\n') {
                if (!afterCr) {
                    line++;
                }
                column = 1;
                afterCr = false;
                continue;
            }
            if (c == '\r') {
                line++;
                column = 1;
                afterCr = true;
                continue;
            }
            afterCr = false;
            boolean printable = c == '\t' || (c >= 0x20 && c <= 0x7E) || c == 0x85 || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (!printable) {
                throw new Unreadable(line, column, "special character U+" + String.format("%04X", (int) c)
                        + " is not allowed in YAML (is this a text file?)");
            }
            column++;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
