using System;
using System.Text;

namespace Backtester.Generators;

/// <summary>Builds source text line by line; <see cref="Block"/> writes braces and indents what is inside them.</summary>
internal sealed class IndentedWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _text = new();
    private int _depth;

    /// <summary>Writes <paramref name="header"/> and an opening brace; disposing the result closes the brace.</summary>
    public Scope Block(string header, string closing = "}")
    {
        WriteLine(header);
        WriteLine("{");
        _depth++;
        return new Scope(this, closing);
    }

    public void WriteLine(string line)
    {
        // Multi-line templates are indented line by line so raw string templates stay readable.
        foreach (string part in line.Split('\n'))
        {
            string trimmed = part.TrimEnd('\r');
            if (trimmed.Length > 0)
            {
                for (int i = 0; i < _depth; i++) _text.Append(IndentUnit);
                _text.Append(trimmed);
            }
            _text.Append('\n');
        }
    }

    public void WriteLine() => _text.Append('\n');

    public override string ToString() => _text.ToString();

    public readonly struct Scope : IDisposable
    {
        private readonly IndentedWriter _writer;
        private readonly string _closing;

        public Scope(IndentedWriter writer, string closing)
        {
            _writer = writer;
            _closing = closing;
        }

        public void Dispose()
        {
            _writer._depth--;
            _writer.WriteLine(_closing);
        }
    }
}
