using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Manage;

/// <summary>Management bodies that are not text, or say a member twice, are a 400 and change nothing.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ManageBodyTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningApp _app = null!;
    private string _id = null!;

    public async Task InitializeAsync()
    {
        _app = await RunningApp.StartAsync(azurite);
        using var created = await _app.Client.SendAsync(RunningApp.Request(HttpMethod.Post, "/manage/keys", """{"name":"body","ownerEmail":"dev@example.com","tags":{"team":"blue"}}"""));
        _id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetProperty("id").GetString()!;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("""{"tags":{"team":"\ud800"}}""")]
    [InlineData("""{"tags":{"team":"a\udc00b"}}""")]
    [InlineData("""{"status":"disabled","status":"active"}""")]
    [InlineData("""{"tags":{"team":"red"},"t\u0061gs":{"team":"green"}}""")]
    [InlineData("""{"\ud800":1}""")]
    public async Task Patch_BodyNotTextOrMemberTwice_400AndUnchanged(string json)
    {
        using var response = await _app.Client.SendAsync(RunningApp.Request(HttpMethod.Patch, "/manage/keys/" + _id, json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertUnchangedAsync();
    }

    [Fact]
    public async Task Patch_BodyNotUtf8_400AndUnchanged()
    {
        using var request = RunningApp.Request(HttpMethod.Patch, "/manage/keys/" + _id);
        request.Content = new ByteArrayContent([.. Encoding.UTF8.GetBytes("""{"tags":{"team":"""), 0x22, 0xC3, 0x28, 0xFF, 0x22, .. "}}"u8.ToArray()]);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid UTF-8", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertUnchangedAsync();
    }

    [Theory]
    [InlineData("/manage/keys", "POST", """{"name":"one","name":"two","ownerEmail":"dev@example.com"}""")]
    [InlineData("/manage/teams/dev%40example.com", "PUT", """{"team":"red","team":"blue"}""")]
    public async Task Write_MemberTwice_400(string path, string method, string json)
    {
        using var response = await _app.Client.SendAsync(RunningApp.Request(new HttpMethod(method), path, json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task AssertUnchangedAsync()
    {
        using var key = await _app.Client.SendAsync(RunningApp.Request(HttpMethod.Get, "/manage/keys/" + _id));
        var root = JsonDocument.Parse(await key.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("active", "blue"), (root.GetProperty("status").GetString(), root.GetProperty("tags").GetProperty("team").GetString()));
    }
}
