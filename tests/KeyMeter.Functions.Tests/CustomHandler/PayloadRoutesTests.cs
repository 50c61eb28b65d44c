using System.Net;
using System.Text;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.CustomHandler;

/// <summary>Every payload route of the real app answers a malformed invocation with 400, never 500.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class PayloadRoutesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningApp _app = null!;

    public static TheoryData<string> PayloadFunctions => RouteProtectionTests.PayloadFunctions;

    public async Task InitializeAsync() => _app = await RunningApp.StartAsync(azurite, configure: null, "--KeyMeter:Cursor:Enabled=false");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [MemberData(nameof(PayloadFunctions))]
    public async Task Post_DataNull_400(string function)
    {
        foreach (var body in new[] { """{"Data":null}""", """{"Data":{},"Metadata":null}""", """{"data":"x","metadata":{}}""" })
        {
            using var response = await _app.PostPayloadAsync("/" + function, new StringContent(body, Encoding.UTF8, "application/json"));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
