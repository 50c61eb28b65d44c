using System.Net;
using KeyMeter.Core.Proxy;
using KeyMeter.Functions.Proxy;
using KeyMeter.Functions.Proxy.Forwarding;
using KeyMeter.Functions.Proxy.Providers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Tests.Proxy.Forwarding;

/// <summary>The request a provider receives: its URL, HTTP version, credential and which client headers cross.</summary>
public sealed class UpstreamRequestsTests
{
    private static readonly UpstreamAuthorization OpenAIKey = new("Authorization", "Bearer sk-company-key");
    private static readonly UpstreamAuthorization AnthropicKey = new("x-api-key", "sk-ant-company-key");
    private static readonly ProviderCatalog Providers = new(Options.Create(new ProvidersOptions()));
    private static readonly ProxyRoute Chat = ProxyRoutes.All.Single(route => route.Path == "/v1/chat/completions");
    private static readonly ProxyRoute Messages = ProxyRoutes.All.Single(route => route.Path == "/anthropic/v1/messages");

    private static HttpRequest Client(string path, string query = "", params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        return context.Request;
    }

    private static OutboundCall Call(string provider, ProxyRoute route) =>
        new(Providers.Get(provider), route, new RequestBodyContent("{}"u8.ToArray(), BodySplice.None), route.Api, AnswerShape.AsIs, null);

    [Fact]
    public void Create_ChatCompletion_HttpTwoOrLowerWithTheCompanyKeyAndOnlyAllowedHeaders()
    {
        var client = Client("/v1/chat/completions", "", ("Authorization", "Bearer km_developer"), ("User-Agent", "Cursor/1.7"), ("X-Stainless-Lang", "js"), ("Cookie", "session=1"), ("OpenAI-Organization", "org-chosen-by-client"));

        using var request = new UpstreamRequests().Create(client, Call(KnownProviders.OpenAI, Chat), OpenAIKey);

        Assert.Equal(new Uri("https://api.openai.com/v1/chat/completions"), request.RequestUri);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(HttpVersion.Version20, request.Version);
        Assert.Equal(HttpVersionPolicy.RequestVersionOrLower, request.VersionPolicy);
        Assert.Equal(["Bearer sk-company-key"], request.Headers.GetValues("Authorization"));
        Assert.Equal("Cursor/1.7", request.Headers.UserAgent.ToString());
        Assert.Equal(["js"], request.Headers.GetValues("X-Stainless-Lang"));
        Assert.False(request.Headers.Contains("Cookie"));
        Assert.False(request.Headers.Contains("OpenAI-Organization"));
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
    }

    [Fact]
    public void Create_SameProviderAndPathTwice_TheUrlIsBuiltOnce()
    {
        var requests = new UpstreamRequests();
        var call = Call(KnownProviders.OpenAI, Chat);

        using var first = requests.Create(Client("/v1/chat/completions"), call, OpenAIKey);
        using var second = requests.Create(Client("/v1/chat/completions"), call, OpenAIKey);

        Assert.Same(first.RequestUri, second.RequestUri);
    }

    [Fact]
    public void Create_AnthropicWithQuery_OnlyTheRoutesParametersAndTheDefaultVersionWhenAbsent()
    {
        var requests = new UpstreamRequests();
        var call = Call(KnownProviders.Anthropic, Messages);

        using var defaulted = requests.Create(Client("/anthropic/v1/messages", "?beta=true&debug=1"), call, AnthropicKey);
        using var own = requests.Create(Client("/anthropic/v1/messages", "", ("anthropic-version", "2024-01-01")), call, AnthropicKey);

        Assert.Equal(new Uri("https://api.anthropic.com/v1/messages?beta=true"), defaulted.RequestUri);
        Assert.Equal(["2023-06-01"], defaulted.Headers.GetValues("anthropic-version"));
        Assert.Equal(["sk-ant-company-key"], defaulted.Headers.GetValues("x-api-key"));
        Assert.Equal(new Uri("https://api.anthropic.com/v1/messages"), own.RequestUri);
        Assert.Equal(["2024-01-01"], own.Headers.GetValues("anthropic-version"));
    }
}
