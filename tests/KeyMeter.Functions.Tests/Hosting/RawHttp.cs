using System.Net.Sockets;
using System.Text;

namespace KeyMeter.Functions.Tests.Hosting;

/// <summary>
/// HTTP/1.1 over a bare socket, for what HttpClient will not send: a Content-Length the body never reaches, a body cut
/// short. Sends the head and the bytes given, half-closes, and reads the answer to the end.
/// </summary>
internal static class RawHttp
{
    /// <summary>The status code, or null when the server closed the connection without an answer.</summary>
    public static async Task<(int? Status, string Response)> SendAsync(Uri baseAddress, string head, byte[]? body = null, bool closeSend = true, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port, cancel.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ReplaceLineEndings("\r\n").TrimEnd() + "\r\n\r\n"), cancel.Token);
        if (body is not null)
        {
            await stream.WriteAsync(body, cancel.Token);
        }

        if (closeSend)
        {
            client.Client.Shutdown(SocketShutdown.Send);
        }

        var response = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancel.Token)) > 0)
            {
                response.Write(buffer, 0, read);
                if (!closeSend && IsComplete(response))
                {
                    break;
                }
            }
        }
        catch (IOException)
        {
            // A reset after the answer: what was read is the answer.
        }

        var text = Encoding.UTF8.GetString(response.ToArray());
        return (text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(text.AsSpan(9, 3), out var status) ? status : null, text);
    }

    // Head and body both in, by Content-Length or the last chunk (the server keeps the connection open when the client
    // did not half-close).
    private static bool IsComplete(MemoryStream response)
    {
        var bytes = response.ToArray();
        var text = Encoding.Latin1.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var lines = text[..end].Split("\r\n");
        var length = lines.FirstOrDefault(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        if (length is not null)
        {
            return int.TryParse(length["Content-Length:".Length..].Trim(), out var count) && bytes.Length - (end + 4) >= count;
        }

        return lines.Any(line => line.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase))
            ? text.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal)
            : lines[0].Contains(" 204 ", StringComparison.Ordinal) || lines[0].Contains(" 304 ", StringComparison.Ordinal);
    }
}
