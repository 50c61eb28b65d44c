using KeyMeter.Functions.Local;

namespace KeyMeter.Functions.Tests.Local;

public sealed class SelfAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5123", "http://127.0.0.1:5123/")]
    [InlineData("http://0.0.0.0:7071", "http://127.0.0.1:7071/")]
    [InlineData("http://[::]:7071", "http://127.0.0.1:7071/")]
    [InlineData("http://+:80", "http://127.0.0.1/")]
    [InlineData("http://*:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://localhost:7071", "http://127.0.0.1:7071/")]
    [InlineData("http://[::1]:7071", "http://[::1]:7071/")]
    [InlineData("https://localhost:7443;http://localhost:7071", "http://127.0.0.1:7071/")]
    [InlineData("https://localhost:7443", "https://127.0.0.1:7443/")]
    [InlineData("http://unix:/tmp/kestrel.sock;http://0.0.0.0:5000", "http://127.0.0.1:5000/")]
    public void Resolve_ServerAddresses_PrefersHttpOnLoopback(string addresses, string expected)
    {
        var resolved = SelfAddress.Resolve(addresses.Split(';'));

        Assert.Equal(new Uri(expected), resolved);
    }

    [Fact]
    public void Resolve_OnlyUnixSocket_ReturnsNull()
    {
        Assert.Null(SelfAddress.Resolve(["http://unix:/tmp/kestrel.sock"]));
    }
}
