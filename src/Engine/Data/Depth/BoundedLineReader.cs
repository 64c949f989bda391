using System;
using System.IO;
using System.Text;

namespace Backtester.Data;

/// <summary>
/// Reads lines (ended by <c>\n</c> or <c>\r\n</c>) from a text reader, refusing a line longer than a limit before it is
/// held in memory whole: <see cref="TextReader.ReadLine"/> would gather a file without newlines into one string, as large
/// as the file (decision 0026: readers bound what files declare).
/// </summary>
internal sealed class BoundedLineReader(TextReader reader, string source, int maxLength)
{
    private readonly char[] _buffer = new char[64 * 1024];
    private readonly StringBuilder _line = new();
    private int _start, _end;

    /// <summary>The 1-based number of the line last returned.</summary>
    public long Line { get; private set; }

    /// <summary>The next line without its terminator, or null at the end of the input.</summary>
    /// <exception cref="MarketDataException">The line is longer than the limit; the message names the line and the limit.</exception>
    public string? ReadLine()
    {
        _line.Clear();
        bool any = false;
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = reader.Read(_buffer, 0, _buffer.Length);
                if (_end == 0) return any ? Finish() : null;
            }
            any = true;
            int newline = Array.IndexOf(_buffer, '\n', _start, _end - _start);
            int take = (newline < 0 ? _end : newline) - _start;
            if (_line.Length + take > maxLength + 1) // + 1: a '\r' before the '\n' is not part of the line
                throw new MarketDataException(source, Line + 1, null,
                    $"the line is longer than {maxLength:N0} characters (MarketDataLimits.{nameof(MarketDataLimits.MaxJsonLineLength)}); a missing newline, or not a file of one message a line?");
            _line.Append(_buffer, _start, take);
            if (newline < 0)
            {
                _start = _end;
                continue;
            }
            _start = newline + 1;
            return Finish();
        }
    }

    private string Finish()
    {
        if (_line.Length > 0 && _line[^1] == '\r') _line.Length--;
        if (_line.Length > maxLength)
            throw new MarketDataException(source, Line + 1, null,
                $"the line is longer than {maxLength:N0} characters (MarketDataLimits.{nameof(MarketDataLimits.MaxJsonLineLength)}); a missing newline, or not a file of one message a line?");
        Line++;
        return _line.ToString();
    }
}
