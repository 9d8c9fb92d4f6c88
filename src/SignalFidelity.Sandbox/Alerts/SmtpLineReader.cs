namespace SignalFidelity.Sandbox.Alerts;

/// <summary>
/// Reads CRLF-terminated lines as bytes from a network stream (SMTP is line-based, and DATA may carry 8-bit bytes,
/// so no text decoder sits in between). A bare LF also ends a line, as lenient servers accept.
/// </summary>
internal sealed class SmtpLineReader(Stream stream, int maxLineBytes)
{
    private readonly byte[] _buffer = new byte[8192];
    private int _start, _end;

    /// <summary>The next line without its line ending, or null when the client closed the connection.</summary>
    /// <exception cref="IOException">The line is longer than the limit: the session is dropped rather than buffering without end.</exception>
    public async Task<byte[]?> ReadLineAsync(CancellationToken cancellationToken)
    {
        using var line = new MemoryStream();
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var upTo = newline < 0 ? _end : newline;
            line.Write(_buffer, _start, upTo - _start);
            if (line.Length > maxLineBytes) throw new IOException($"an SMTP line longer than {maxLineBytes} bytes");
            if (newline >= 0)
            {
                _start = newline + 1;
                var bytes = line.ToArray();
                return bytes is [.., (byte)'\r'] ? bytes[..^1] : bytes;
            }

            _start = _end = 0;
            var read = await stream.ReadAsync(_buffer, cancellationToken);
            if (read == 0) return null;
            _end = read;
        }
    }
}
