using System.Text;

namespace KeyMeter.Core.Aggregation;

/// <summary>
/// One billing line: the value of the <see cref="AggregateDimension.Line"/> dimension, the grain of the FOCUS export.
/// Encoded as its fields joined by control characters, which no field may contain (<see cref="UsageRecordReader"/>
/// refuses them), so the encoding is unambiguous and reversible.
/// </summary>
/// <param name="Tags">The key's tags when the calls were made, sorted by name.</param>
public sealed record LineItem(
    string Source,
    string Provider,
    string Model,
    string KeyId,
    string Developer,
    IReadOnlyList<KeyValuePair<string, string>> Tags)
{
    private const char FieldSeparator = '\u001f';
    private const char TagSeparator = '\u001e';
    private const char PairSeparator = '\u001d';

    public string Encode()
    {
        var builder = new StringBuilder()
            .Append(Source).Append(FieldSeparator)
            .Append(Provider).Append(FieldSeparator)
            .Append(Model).Append(FieldSeparator)
            .Append(KeyId).Append(FieldSeparator)
            .Append(Developer).Append(FieldSeparator);
        for (var i = 0; i < Tags.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(TagSeparator);
            }

            builder.Append(Tags[i].Key).Append(PairSeparator).Append(Tags[i].Value);
        }

        return builder.ToString();
    }

    /// <summary>Reads a value written by <see cref="Encode"/>; false for anything else.</summary>
    public static bool TryDecode(string value, out LineItem? item)
    {
        item = null;
        var fields = value.Split(FieldSeparator);
        if (fields.Length != 6)
        {
            return false;
        }

        var tags = new List<KeyValuePair<string, string>>();
        if (fields[5].Length > 0)
        {
            foreach (var pair in fields[5].Split(TagSeparator))
            {
                var at = pair.IndexOf(PairSeparator, StringComparison.Ordinal);
                if (at <= 0)
                {
                    return false;
                }

                tags.Add(KeyValuePair.Create(pair[..at], pair[(at + 1)..]));
            }
        }

        item = new LineItem(fields[0], fields[1], fields[2], fields[3], fields[4], tags);
        return true;
    }
}
