using System.Text;

namespace KeyMeter.Core.Tests.Reports;

/// <summary>A strict RFC 4180 reader for asserting on exports: CRLF record ends, quoted fields with doubled quotes.</summary>
internal static class CsvTestParser
{
    public static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                i++;
                while (!(text[i] == '"' && (i + 1 == text.Length || text[i + 1] != '"')))
                {
                    field.Append(text[i]);
                    i += text[i] == '"' ? 2 : 1;
                }

                i++;
                Assert.True(i == text.Length || text[i] is ',' or '\r', $"A quoted field must end at a separator (offset {i}).");
                continue;
            }

            if (text[i] == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (text[i] == '\r')
            {
                Assert.Equal('\n', text[i + 1]);
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i += 2;
            }
            else
            {
                Assert.NotEqual('\n', text[i]);
                Assert.NotEqual('"', text[i]);
                field.Append(text[i]);
                i++;
            }
        }

        Assert.True(fields.Count == 0 && field.Length == 0, "The last record must end in CRLF.");
        return records;
    }

    /// <summary>The records after the header, each as column name → field.</summary>
    public static List<Dictionary<string, string>> ParseWithHeader(string text)
    {
        var records = Parse(text);
        var header = records[0];
        return [.. records.Skip(1).Select(record =>
        {
            Assert.Equal(header.Length, record.Length);
            return header.Zip(record).ToDictionary(pair => pair.First, pair => pair.Second, StringComparer.Ordinal);
        })];
    }
}
