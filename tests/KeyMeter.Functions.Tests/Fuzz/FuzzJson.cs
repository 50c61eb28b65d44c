using System.Globalization;
using System.Text;
using System.Text.Json;

namespace KeyMeter.Functions.Tests.Fuzz;

/// <summary>
/// JSON text made wrong on purpose, from a valid template object: members as raw text, so a member can be duplicated,
/// renamed with escapes, or given any value at all, and bytes that are not UTF-8 can be put inside strings.
/// </summary>
internal static class FuzzJson
{
    /// <summary>Every way the body of a JSON route is mutated; "valid" leaves it alone.</summary>
    public static readonly string[] Mutations =
    [
        "valid", "random-json", "wrong-type", "huge-number", "duplicate-member", "escaped-name", "escaped-duplicate",
        "lone-surrogate-escaped", "lone-surrogate-raw", "invalid-utf8", "truncated", "deep-nesting", "absurd-date",
        "long-string", "empty", "whitespace", "bom", "null", "extra-members", "nested-wrong-type", "control-chars",
        "number-as-string",
    ];

    private static readonly string[] HugeNumbers =
    [
        "1e309", "-1e309", "1e-400", "9223372036854775808", "-9223372036854775809", "18446744073709551616",
        "79228162514264337593543950336", "99999999999999999999999999999999999999", "1.7976931348623157e308", "-0",
        "0.0000000000000000000000000000000001", "4294967296", "2147483648", "-2147483649", "1E+2147483648", "123456789012345678901234567890.5",
    ];

    private static readonly string[] WeirdStrings =
    [
        "\"\\ud800\"", "\"\\udfff\"", "\"a\\ud800b\"", "\"\\ud800\\ud800\"", "\"\\udc00\\ud800\"", "\"\\u0000\"", "\"\\u0000gpt-5\"",
        "\"gpt-5\\u0000\"", "\"\"", "\" \"", "\"\\t\\n\\r\"", "\"\\\"\"", "\"\\\\\"", "\"\\u202egpt\"", "\"😀\"", "\"\\ud83d\\ude00\"",
        "\"../../etc/passwd\"", "\"%00\"", "\"<script>alert(1)</script>\"", "\"[link](http://evil.example)\"", "\"' OR '1'='1\"",
        "\"gpt-5\"", "\"o1-pro\"", "\"claude-sonnet-4-5\"", "\"GPT-5\"", "\"gpt-5 \"", "\"\\u0067pt-5\"",
    ];

    private static readonly string[] AbsurdDates =
    [
        "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59.9999999Z\"", "\"9999-12-31\"", "\"0001-01-01\"", "\"2026-02-30\"",
        "\"2026-13-01\"", "\"1999-12-31\"", "\"3000-01-01\"", "\"-0001-01-01\"", "\"2026-11-20T25:61:61Z\"", "\"yesterday\"",
        "\"2026-11-20T10:00:00+14:01\"", "\"10000-01-01\"", "\"\"", "253402300800", "-62135596801",
    ];

    /// <summary>The members of a valid JSON object, names as JSON tokens and values as raw text, in order.</summary>
    public static List<(string Name, string Value)> Members(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateObject().Select(member => (JsonSerializer.Serialize(member.Name), member.Value.GetRawText()))];
    }

    public static string Object(IEnumerable<(string Name, string Value)> members) =>
        "{" + string.Join(",", members.Select(member => member.Name + ":" + member.Value)) + "}";

    /// <summary>The template mutated by <paramref name="mutation"/>, as bytes (some mutations are not UTF-8).</summary>
    public static byte[] Mutate(string template, string mutation, Random random)
    {
        var members = Members(template);
        var index = random.Next(members.Count);
        string text;
        switch (mutation)
        {
            case "valid":
                text = template;
                break;
            case "random-json":
                text = RandomValue(random, 0);
                break;
            case "wrong-type":
                members[index] = (members[index].Name, OtherKind(members[index].Value, random));
                text = Object(members);
                break;
            case "huge-number":
                members[index] = (members[index].Name, Pick(HugeNumbers, random));
                text = Object(members);
                break;
            case "number-as-string":
                members[index] = (members[index].Name, "\"" + Pick(HugeNumbers, random) + "\"");
                text = Object(members);
                break;
            case "duplicate-member":
                members.Insert(random.Next(members.Count + 1), (members[index].Name, RandomValue(random, 2)));
                text = Object(members);
                break;
            case "escaped-name":
                members[index] = (EscapeName(members[index].Name, random), members[index].Value);
                text = Object(members);
                break;
            case "escaped-duplicate":
                // The original and an escaped spelling of the same name, as in {"model":"a","mod\u0065l":"b"}.
                members.Add((EscapeName(members[index].Name, random), random.Next(2) == 0 ? Pick(WeirdStrings, random) : RandomValue(random, 2)));
                text = Object(members);
                break;
            case "lone-surrogate-escaped":
                if (random.Next(3) == 0)
                {
                    members[index] = (members[index].Name[..^1] + "\\ud800\"", members[index].Value);
                }
                else
                {
                    members[index] = (members[index].Name, Pick(WeirdStrings[..6], random));
                }

                text = Object(members);
                break;
            case "lone-surrogate-raw":
                return InsertInString(Encoding.UTF8.GetBytes(template), [0xED, 0xA0, 0x80], random);
            case "invalid-utf8":
                return InsertInString(Encoding.UTF8.GetBytes(template), InvalidUtf8(random), random);
            case "truncated":
                return Encoding.UTF8.GetBytes(template[..random.Next(template.Length)]);
            case "deep-nesting":
                var depth = random.Next(60, 3000);
                members[index] = (members[index].Name, new string('[', depth) + new string(']', depth));
                text = Object(members);
                break;
            case "absurd-date":
                members[index] = (members[index].Name, Pick(AbsurdDates, random));
                text = Object(members);
                break;
            case "long-string":
                members[index] = (members[index].Name, "\"" + new string((char)('a' + random.Next(26)), random.Next(10_000, 60_000)) + "\"");
                text = Object(members);
                break;
            case "empty":
                return [];
            case "whitespace":
                return Encoding.UTF8.GetBytes(" \r\n\t ");
            case "bom":
                return [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(template)];
            case "null":
                text = "null";
                break;
            case "extra-members":
                for (var i = random.Next(1, 20); i > 0; i--)
                {
                    members.Insert(random.Next(members.Count + 1), (JsonSerializer.Serialize("x" + random.Next(1000)), RandomValue(random, 1)));
                }

                text = Object(members);
                break;
            case "nested-wrong-type":
                text = NestedWrongType(template, random);
                break;
            case "control-chars":
                return InsertInString(Encoding.UTF8.GetBytes(template), [(byte)random.Next(0, 32)], random);
            default:
                throw new ArgumentOutOfRangeException(nameof(mutation), mutation, null);
        }

        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Any JSON value, nested up to a few levels: numbers from huge to tiny, strings with escapes, arrays, objects.</summary>
    public static string RandomValue(Random random, int depth) => (depth > 3 ? random.Next(6) : random.Next(9)) switch
    {
        0 => "null",
        1 => random.Next(2) == 0 ? "true" : "false",
        2 => random.Next(-1000, 1000).ToString(CultureInfo.InvariantCulture),
        3 => Pick(HugeNumbers, random),
        4 => Pick(WeirdStrings, random),
        5 => JsonSerializer.Serialize(RandomText(random)),
        6 => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth + 1))) + "]",
        7 => "{" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => JsonSerializer.Serialize(RandomText(random)) + ":" + RandomValue(random, depth + 1))) + "}",
        _ => (random.NextDouble() * 1e6).ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>A JSON name token with one character written as a <c>\uXXXX</c> escape: <c>"mod\u0065l"</c>.</summary>
    public static string EscapeName(string nameToken, Random random)
    {
        var name = JsonSerializer.Deserialize<string>(nameToken)!;
        if (name.Length == 0)
        {
            return "\"\\u0000\"";
        }

        var at = random.Next(name.Length);
        var escaped = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            escaped.Append(i == at ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)name[i]:x4}") : JsonEncodedText.Encode(name[i].ToString()).ToString());
        }

        return "\"" + escaped + "\"";
    }

    public static T Pick<T>(IReadOnlyList<T> items, Random random) => items[random.Next(items.Count)];

    private static string OtherKind(string value, Random random)
    {
        var kind = value.Length > 0 ? value[0] : 'n';
        string other;
        do
        {
            other = RandomValue(random, 1);
        }
        while (other.Length > 0 && other[0] == kind);

        return other;
    }

    private static string NestedWrongType(string template, Random random)
    {
        // The first string, number or boolean inside a nested array or object, replaced by another kind of value.
        var text = template;
        var start = text.IndexOf('[', StringComparison.Ordinal) is var bracket and >= 0 ? bracket : text.IndexOf('{', 1);
        if (start < 0)
        {
            return RandomValue(random, 0);
        }

        var colon = text.IndexOf(':', start);
        if (colon < 0)
        {
            return text;
        }

        var end = colon + 1;
        var inString = false;
        for (; end < text.Length; end++)
        {
            var c = text[end];
            if (c == '"' && text[end - 1] != '\\')
            {
                inString = !inString;
            }
            else if (!inString && c is ',' or '}' or ']')
            {
                break;
            }
        }

        return text[..(colon + 1)] + RandomValue(random, 1) + text[end..];
    }

    private static byte[] InvalidUtf8(Random random) => random.Next(6) switch
    {
        0 => [0xFF],
        1 => [0xC3, 0x28],
        2 => [0xC0, 0xAF],
        3 => [0xE2, 0x82],
        4 => [0xF4, 0x90, 0x80, 0x80],
        _ => [(byte)random.Next(0x80, 0x100), (byte)random.Next(0x80, 0x100)],
    };

    /// <summary><paramref name="insert"/> just after a quote, so it lands inside a name or a string value.</summary>
    private static byte[] InsertInString(byte[] json, byte[] insert, Random random)
    {
        var quotes = Enumerable.Range(0, json.Length).Where(i => json[i] == (byte)'"').ToList();
        var at = quotes.Count == 0 ? 0 : quotes[random.Next(quotes.Count)] + 1;
        return [.. json[..at], .. insert, .. json[at..]];
    }

    private static string RandomText(Random random)
    {
        var length = random.Next(0, 12);
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(random.Next(5) == 0 ? (char)random.Next(0x80, 0x2000) : (char)random.Next(0x20, 0x7F));
        }

        return text.ToString();
    }
}
