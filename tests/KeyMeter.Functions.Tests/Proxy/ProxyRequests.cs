using System.Text;

namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>Requests as an OpenAI client sends them through KeyMeter: a JSON body, the developer key as bearer token.</summary>
internal static class ProxyRequests
{
    public const string ChatPath = "/v1/chat/completions";

    /// <summary>A JSON POST to <paramref name="path"/>; without <paramref name="secret"/>, no <c>Authorization</c> header.</summary>
    public static HttpRequestMessage Post(string json, string? secret, string path = ChatPath)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (secret is not null)
        {
            request.Headers.Add("Authorization", "Bearer " + secret);
        }

        return request;
    }
}
