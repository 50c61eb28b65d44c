using System.Text;
using KeyMeter.Benchmarks.Proxy;

namespace KeyMeter.Benchmarks.Micro;

/// <summary>Inputs for the micro benchmarks, shaped like what Cursor and the OpenAI SDKs send and receive.</summary>
internal static class MicroPayloads
{
    /// <summary>
    /// A Chat Completions request of about <paramref name="bytes"/>: a system prompt, a conversation of user and
    /// assistant turns with code, tool definitions, and the members the proxy reads after all of it.
    /// </summary>
    public static byte[] ChatRequest(int bytes)
    {
        const string Code = "public static int Add(int a, int b)\\n{\\n    return a + b; // \\\"sum\\\" with an escaped quote and unicode \\u00e9\\n}\\n";
        var json = new StringBuilder("{\"messages\":[{\"role\":\"system\",\"content\":\"You are an expert C# pair programmer. Answer with code.\"}");
        for (var turn = 0; json.Length < bytes - 1200; turn++)
        {
            var role = turn % 2 == 0 ? "user" : "assistant";
            json.Append(",{\"role\":\"").Append(role).Append("\",\"content\":\"Turn ").Append(turn).Append(": please review this method.\\n");
            json.Append(Code).Append(Code).Append("\"}");
        }

        json.Append("],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"read_file\",\"description\":\"Reads a file of the workspace.\",")
            .Append("\"parameters\":{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"},\"offset\":{\"type\":\"integer\"}},\"required\":[\"path\"]}}},")
            .Append("{\"type\":\"function\",\"function\":{\"name\":\"edit_file\",\"description\":\"Replaces text in a file.\",")
            .Append("\"parameters\":{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"},\"old\":{\"type\":\"string\"},\"new\":{\"type\":\"string\"}},\"required\":[\"path\",\"old\",\"new\"]}}}],")
            .Append("\"tool_choice\":\"auto\",\"temperature\":0.2,\"model\":\"gpt-5\",\"stream\":true,\"max_completion_tokens\":4096}");
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    /// <summary>A streamed completion of about <paramref name="bytes"/> in events of about <paramref name="eventBytes"/>, with the usage chunk.</summary>
    public static byte[] ChatStream(int bytes, int eventBytes)
    {
        var piece = Math.Max(1, eventBytes - ChatPayloads.ContentEventOverhead(includeUsage: true));
        var events = ChatPayloads.Stream(Math.Max(1, bytes / eventBytes), piece, includeUsage: true);
        return [.. events.SelectMany(e => e)];
    }
}
