package dev.netpollab.scenario;

/**
 * The documented limits on what netpol-lab reads (README, "Limits"). Input is read as it streams, so memory
 * stays bounded by one document (or one object of a large {@code kind: List}) plus what is kept of each object;
 * these limits say plainly when an input is too large instead of running out of memory.
 */
public final class InputLimits {
    /** One input file, pipe or stdin: 64 MiB. */
    public static final long MAX_INPUT_BYTES = 64L << 20;
    /** One YAML document, or one object of a streamed List: 8 Mi characters (a 3 MB List of pods is fine). */
    public static final int MAX_DOCUMENT_CHARS = 8 << 20;
    /** Nesting of mappings and lists; Kubernetes objects need about 20. */
    public static final int MAX_NESTING = 200;
    /** Objects read by one command, over all its inputs. */
    public static final int MAX_OBJECTS = 200_000;
    /** Problems reported before reading stops: past this many, more tell nothing new. */
    public static final int MAX_PROBLEMS = 100;
    /** How the limits are named in messages. */
    static final String DESCRIBE = "see Limits in the README";

    private InputLimits() {
    }
}
