using System.Net;
using System.Text;
using System.Text.Json;
using KeyMeter.Functions.Hosting;
using KeyMeter.Functions.Manage;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Testing;
using Microsoft.AspNetCore.Http;

namespace KeyMeter.Functions.Tests.Manage;

/// <summary>
/// The audit trail names the App Service principal only when the platform is said to set it; otherwise any name a
/// caller gives is recorded as a claim.
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ManageActorTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(false, ManageActor.PrincipalHeader, "alice@example.com", "claimed:alice@example.com")]
    [InlineData(true, ManageActor.PrincipalHeader, "alice@example.com", "alice@example.com")]
    [InlineData(false, ManageActor.ActorHeader, "deploy-bot", "claimed:deploy-bot")]
    [InlineData(true, ManageActor.ActorHeader, "deploy-bot", "claimed:deploy-bot")]
    [InlineData(true, ManageActor.PrincipalHeader, "evil\u0007name", "function-key")]
    public void From_Header_RecordedAsTrustedOnlyWithPlatformAuthentication(bool platformAuthentication, string header, string value, string expected)
    {
        var request = new DefaultHttpContext().Request;
        request.Headers[header] = value;

        var actor = ManageActor.Of(request, new ManageOptions { PlatformAuthentication = platformAuthentication });

        Assert.Equal(expected, actor);
    }

    [Fact]
    public async Task CreateKey_LocalModeWithPrincipalHeader_AuditSaysClaimed()
    {
        await using var app = await RunningApp.StartAsync(azurite);
        using var create = RunningApp.Request(HttpMethod.Post, "/manage/keys", """{"name":"forged","ownerEmail":"dev@example.com"}""");
        create.Headers.Add(ManageActor.PrincipalHeader, "cfo@example.com");

        var actor = await CreateAndReadActorAsync(app.Client, create);

        Assert.Equal("claimed:cfo@example.com", actor);
    }

    [Fact]
    public async Task CreateKey_UnderFunctionsHostWithPlatformAuthentication_AuditNamesThePrincipal()
    {
        var port = AzuriteFixture.FreePort();
        string[] args =
        [
            $"--{HostingMode.PortVariable}={port}",
            "--KeyMeter:Storage:ConnectionString=" + azurite.Azurite.ConnectionString,
            "--KeyMeter:Storage:TablePrefix=t" + Guid.NewGuid().ToString("N")[..12],
            "--KeyMeter:ServiceBus:FullyQualifiedNamespace=sb-test.servicebus.windows.net",
            "--KeyMeter:Manage:PlatformAuthentication=true",
        ];
        await using var app = KeyMeterApp.Build(args, readLocalSettingsFile: false);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using var create = new HttpRequestMessage(HttpMethod.Post, "/manage/keys") { Content = new StringContent("""{"name":"signed","ownerEmail":"dev@example.com"}""", Encoding.UTF8, "application/json") };
        create.Headers.Add(ManageActor.PrincipalHeader, "cfo@example.com");

        var actor = await CreateAndReadActorAsync(client, create);

        Assert.Equal("cfo@example.com", actor);
        await app.StopAsync();
    }

    private static async Task<string> CreateAndReadActorAsync(HttpClient client, HttpRequestMessage create)
    {
        using var created = await client.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetProperty("id").GetString();
        using var audit = await client.SendAsync(RunningApp.Request(HttpMethod.Get, $"/manage/keys/{id}/audit"));
        return JsonDocument.Parse(await audit.Content.ReadAsStringAsync()).RootElement[0].GetProperty("actor").GetString()!;
    }
}
