using System.Text;

namespace CareMarket.Files;

/// <summary>Telling a text file's encoding from its bytes, to name it when it is not the UTF-8 the readers want.</summary>
internal static class Encodings
{
    /// <summary>
    /// "UTF-16" with its byte order when the first bytes are a UTF-16 byte order mark, or when one byte of every two
    /// is zero (UTF-16 without a mark: plain text has no zero bytes otherwise); null for anything else.
    /// </summary>
    public static string? LooksUtf16(ReadOnlySpan<byte> start)
    {
        if (start.Length >= 2 && start[0] == 0xFF && start[1] == 0xFE) return "UTF-16 (little-endian, with a byte order mark)";
        if (start.Length >= 2 && start[0] == 0xFE && start[1] == 0xFF) return "UTF-16 (big-endian, with a byte order mark)";
        if (start.Length < 4) return null;
        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i + 1 < start.Length; i += 2)
        {
            if (start[i] == 0) evenZeros++;
            if (start[i + 1] == 0) oddZeros++;
        }
        var pairs = start.Length / 2;
        // Zeros in at least a third of one position and (nearly) none in the other: text in UTF-16.
        if (oddZeros * 3 >= pairs && evenZeros * 20 < pairs) return "UTF-16 (little-endian, without a byte order mark)";
        if (evenZeros * 3 >= pairs && oddZeros * 20 < pairs) return "UTF-16 (big-endian, without a byte order mark)";
        return null;
    }

    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    /// <summary>
    /// What the bytes that are not UTF-8 probably are: a lone byte from 0x80 up is how Windows-1252 ("ANSI", what
    /// Excel's plain "CSV (Comma delimited)" saves) writes £, é, ’ and the like.
    /// </summary>
    public static string Guess(byte[]? unknown)
    {
        if (unknown is not { Length: > 0 } || unknown[0] < 0x80) return "";
        var shown = Windows1252.GetString(unknown, 0, 1);
        return shown.Length == 1 && !char.IsControl(shown[0])
            ? $" (byte 0x{unknown[0]:X2}: the file looks saved as Windows-1252, \"ANSI\", where that byte is \"{shown}\")"
            : $" (byte 0x{unknown[0]:X2})";
    }
}
