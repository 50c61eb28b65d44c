using KeyMeter.Functions.CustomHandler;
using KeyMeter.Functions.Local;
using KeyMeter.Functions.Tests.CustomHandler;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Tests.Local;

public sealed class LocalFunctionKeyMiddlewareTests : IDisposable
{
    private const string Key = "local-key-0123456789abcdef";
    private readonly TempAppRoot _root = new TempAppRoot()
        .With("manage", TempAppRoot.ProxiedHttp("manage/{*path}"))
        .With("health", TempAppRoot.ProxiedHttp("health", authLevel: "anonymous", methods: "\"get\""))
        .With("cursor-poll", TempAppRoot.Timer("0 0 * * * *"));

    public void Dispose() => _root.Dispose();

    private async Task<(int Status, bool Passed)> SendAsync(string method, string path, string? key)
    {
        var passed = false;
        var middleware = new LocalFunctionKeyMiddleware(
            _ =>
            {
                passed = true;
                return Task.CompletedTask;
            },
            FunctionCatalog.Load(_root.Path),
            new LocalFunctionKey(Options.Create(new LocalOptions { FunctionKey = Key })));
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider() };
        context.Request.Method = method;
        context.Request.Path = path;
        if (key is not null)
        {
            context.Request.Headers[LocalFunctionKey.HeaderName] = key;
        }

        await middleware.InvokeAsync(context);
        return (context.Response.StatusCode, passed);
    }

    [Theory]
    [InlineData("GET", "/manage/keys")]
    [InlineData("POST", "/manage/keys")]
    [InlineData("GET", "/anything/else")]
    public async Task InvokeAsync_FunctionLevelRouteWithoutKey_401(string method, string path)
    {
        var (status, passed) = await SendAsync(method, path, key: null);

        Assert.Equal(401, status);
        Assert.False(passed);
    }

    [Fact]
    public async Task InvokeAsync_WrongKey_401() =>
        Assert.Equal(401, (await SendAsync("GET", "/manage/keys", Key + "x")).Status);

    [Fact]
    public async Task InvokeAsync_RightKey_Passes() =>
        Assert.True((await SendAsync("GET", "/manage/keys", Key)).Passed);

    [Fact]
    public async Task InvokeAsync_AnonymousRoute_PassesWithoutKey() =>
        Assert.True((await SendAsync("GET", "/health", key: null)).Passed);

    [Theory]
    [InlineData("POST", "/cursor-poll")]
    [InlineData("POST", "/CURSOR-POLL/")]
    [InlineData("POST", "/not-a-function")]
    public async Task InvokeAsync_PayloadInvocationOrUnknownRouteWithoutKey_401(string method, string path)
    {
        var (status, passed) = await SendAsync(method, path, key: null);

        Assert.Equal(401, status);
        Assert.False(passed);
    }

    [Fact]
    public async Task InvokeAsync_PayloadInvocationWithKey_Passes() =>
        Assert.True((await SendAsync("POST", "/cursor-poll", Key)).Passed);

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("HEAD", "/")]
    [InlineData("POST", "/health")]
    public async Task InvokeAsync_ReadinessCheckOrAnyMethodOnAnonymousRoute_PassesWithoutKey(string method, string path) =>
        Assert.True((await SendAsync(method, path, key: null)).Passed);
}
