using System.Buffers;
using System.Globalization;
using System.Text;

namespace KeyMeter.Core.Reports;

/// <summary>
/// Builds one CSV record at a time and writes it with one asynchronous call (a response stream refuses synchronous
/// writes). Text follows RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180): a field with a comma, a quote or a line
/// break is quoted, quotes doubled, records end in CRLF. Text that a spreadsheet would run as a formula (it starts with
/// <c>= + - @</c>, a tab or a carriage return) gets a leading apostrophe, as OWASP advises
/// (https://owasp.org/www-community/attacks/CSV_Injection): model names, tags and emails come from users. Numbers are
/// ours and written as they are, invariant culture, every decimal digit kept.
/// </summary>
internal sealed class CsvLine
{
    private const string RecordEnd = "\r\n";

    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    private readonly StringBuilder _line = new(256);
    private bool _fieldWritten;

    public CsvLine Text(string? value)
    {
        Separate();
        if (string.IsNullOrEmpty(value))
        {
            return this;
        }

        var quoted = value.AsSpan().IndexOfAny(NeedsQuotes) >= 0;
        if (quoted)
        {
            _line.Append('"');
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            _line.Append('\'');
        }

        _line.Append(quoted ? value.Replace("\"", "\"\"", StringComparison.Ordinal) : value);
        if (quoted)
        {
            _line.Append('"');
        }

        return this;
    }

    public CsvLine Number(long value)
    {
        Separate();
        _line.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public CsvLine Number(decimal value)
    {
        Separate();
        _line.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>An empty (null) field.</summary>
    public CsvLine Empty()
    {
        Separate();
        return this;
    }

    /// <summary>A header: every name as a text field, then the record end.</summary>
    public Task WriteHeaderAsync(TextWriter writer, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        foreach (var name in names)
        {
            Text(name);
        }

        return WriteAsync(writer, cancellationToken);
    }

    /// <summary>Ends the record, writes it and starts the next one.</summary>
    public async Task WriteAsync(TextWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _line.Append(RecordEnd);
        await writer.WriteAsync(_line, cancellationToken);
        _line.Clear();
        _fieldWritten = false;
    }

    private void Separate()
    {
        if (_fieldWritten)
        {
            _line.Append(',');
        }

        _fieldWritten = true;
    }
}
