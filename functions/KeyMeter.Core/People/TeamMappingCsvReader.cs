using System.Text;

namespace KeyMeter.Core.People;

/// <summary>
/// The records of a CSV text as RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180) writes them: comma-separated cells,
/// a cell in double quotes may hold commas, line breaks and doubled quotes. Lenient where spreadsheets are: CRLF, LF
/// or a lone CR ends a record, a leading UTF-8 BOM is skipped, a quote inside an unquoted cell is kept as it is.
/// </summary>
internal static class TeamMappingCsvReader
{
    private const char Quote = '"';

    /// <summary>Each record with the line it starts on; a record that cannot be read has an error and no cells.</summary>
    public static IEnumerable<(int Line, IReadOnlyList<string> Cells, string? Error)> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var position = text.StartsWith('\uFEFF') ? 1 : 0;
        var line = 1;
        var cell = new StringBuilder();
        while (position < text.Length)
        {
            var start = line;
            var cells = new List<string>();
            var error = ReadRecord(text, ref position, ref line, cells, cell);
            yield return error is null ? (start, cells, null) : (start, [], error);
        }
    }

    /// <summary>Reads one record into <paramref name="cells"/> and past its line break; returns an error or null.</summary>
    private static string? ReadRecord(string text, ref int position, ref int line, List<string> cells, StringBuilder cell)
    {
        while (true)
        {
            cell.Clear();
            if (position < text.Length && text[position] == Quote)
            {
                // 1. A quoted cell runs to the quote that is not doubled; line breaks inside it are part of the cell.
                position++;
                while (true)
                {
                    if (position >= text.Length)
                    {
                        return "A quoted cell is not closed: its closing double quote is missing.";
                    }

                    var c = text[position];
                    if (c == Quote)
                    {
                        if (position + 1 < text.Length && text[position + 1] == Quote)
                        {
                            cell.Append(Quote);
                            position += 2;
                            continue;
                        }

                        position++;
                        break;
                    }

                    if (IsLineBreak(text, position))
                    {
                        line++;
                    }

                    cell.Append(c);
                    position++;
                }

                // 2. After the closing quote only a comma or the end of the record may follow.
                if (position < text.Length && text[position] is not (',' or '\r' or '\n'))
                {
                    SkipLine(text, ref position, ref line);
                    return "Text follows a closing double quote; write a quote inside a quoted cell twice (\"\").";
                }
            }
            else
            {
                // 3. An unquoted cell runs to the next comma or line break.
                while (position < text.Length && text[position] is not (',' or '\r' or '\n'))
                {
                    cell.Append(text[position]);
                    position++;
                }
            }

            cells.Add(cell.ToString());

            // 4. A comma starts the next cell; a line break or the end of the text ends the record.
            if (position < text.Length && text[position] == ',')
            {
                position++;
                continue;
            }

            EndLine(text, ref position, ref line);
            return null;
        }
    }

    private static void SkipLine(string text, ref int position, ref int line)
    {
        while (position < text.Length && text[position] is not ('\r' or '\n'))
        {
            position++;
        }

        EndLine(text, ref position, ref line);
    }

    /// <summary>Steps over CRLF, LF or CR at <paramref name="position"/>, if there is one.</summary>
    private static void EndLine(string text, ref int position, ref int line)
    {
        if (position >= text.Length)
        {
            return;
        }

        position += text[position] == '\r' && position + 1 < text.Length && text[position + 1] == '\n' ? 2 : 1;
        line++;
    }

    /// <summary>True when the character at <paramref name="position"/> ends a line: LF, or CR not followed by LF.</summary>
    private static bool IsLineBreak(string text, int position) =>
        text[position] == '\n' || (text[position] == '\r' && (position + 1 >= text.Length || text[position + 1] != '\n'));
}
