using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using KeyMeter.Core.People;
using KeyMeter.Functions.People;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyMeter.Functions.Tests.People;

/// <summary>The <c>/manage/teams</c> routes end to end: the real app on Kestrel, the <c>teams</c> table in Azurite.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TeamApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningApp _app = null!;

    public async Task InitializeAsync() => _app = await RunningApp.StartAsync(azurite);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Body, string ContentType)> SendAsync(HttpRequestMessage request)
    {
        using (request)
        using (var response = await _app.Client.SendAsync(request))
        {
            var text = await response.Content.ReadAsStringAsync();
            var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
            return (response.StatusCode, body, response.Content.Headers.ContentType?.MediaType ?? string.Empty);
        }
    }

    private Task<(HttpStatusCode Status, JsonElement Body, string ContentType)> SendAsync(HttpMethod method, string path, string? json = null, bool withKey = true) =>
        SendAsync(RunningApp.Request(method, path, json, withKey));

    private Task<(HttpStatusCode Status, JsonElement Body, string ContentType)> ImportAsync(byte[] body, string contentType = "text/csv", bool withKey = true)
    {
        var request = RunningApp.Request(HttpMethod.Post, "/manage/teams/import", withKey: withKey);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return SendAsync(request);
    }

    private Task<(HttpStatusCode Status, JsonElement Body, string ContentType)> ImportAsync(string csv, string contentType = "text/csv") =>
        ImportAsync(Encoding.UTF8.GetBytes(csv), contentType);

    private async Task<List<(string? Email, string? Team)>> ListAsync()
    {
        var (status, body, _) = await SendAsync(HttpMethod.Get, "/manage/teams");
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. body.EnumerateArray().Select(item => (item.GetProperty("email").GetString(), item.GetProperty("team").GetString()))];
    }

    [Fact]
    public async Task Put_EncodedMixedCaseEmail_200NormalisedAndReadableEveryWay()
    {
        var (status, body, contentType) = await SendAsync(HttpMethod.Put, "/manage/teams/Alice%40Example.COM", """{"team":" Platform "}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", contentType);
        Assert.Equal(["email", "team"], body.EnumerateObject().Select(property => property.Name));
        Assert.Equal("alice@example.com", body.GetProperty("email").GetString());
        Assert.Equal("Platform", body.GetProperty("team").GetString());
        var one = await SendAsync(HttpMethod.Get, "/manage/teams/ALICE@example.com");
        Assert.Equal(HttpStatusCode.OK, one.Status);
        Assert.Equal("Platform", one.Body.GetProperty("team").GetString());
        Assert.Equal([("alice@example.com", "Platform")], await ListAsync());
    }

    [Fact]
    public async Task Put_Again_ReplacesTheTeam()
    {
        await SendAsync(HttpMethod.Put, "/manage/teams/alice@example.com", """{"team":"platform"}""");

        var (status, body, _) = await SendAsync(HttpMethod.Put, "/manage/teams/alice@example.com", """{"team":"payments"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("payments", body.GetProperty("team").GetString());
        Assert.Equal([("alice@example.com", "payments")], await ListAsync());
    }

    [Fact]
    public async Task Put_BadEmailAndTeam_400NamesBothAndStoresNothing()
    {
        var (status, body, contentType) = await SendAsync(HttpMethod.Put, "/manage/teams/not-an-email", """{"team":""}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal(["email", "team"], body.GetProperty("errors").EnumerateObject().Select(property => property.Name));
        Assert.Empty(await ListAsync());
    }

    [Theory]
    [InlineData("""{"team":"platform","extra":1}""")]
    [InlineData("""{}""")]
    [InlineData("""not json""")]
    [InlineData(null)]
    public async Task Put_BadBody_400(string? json)
    {
        var (status, _, contentType) = await SendAsync(HttpMethod.Put, "/manage/teams/alice@example.com", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Empty(await ListAsync());
    }

    [Fact]
    public async Task Get_Unknown_404Problem()
    {
        var (status, body, contentType) = await SendAsync(HttpMethod.Get, "/manage/teams/nobody@example.com");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal(404, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Delete_Existing_204ThenGone()
    {
        await SendAsync(HttpMethod.Put, "/manage/teams/alice@example.com", """{"team":"platform"}""");

        var deleted = await SendAsync(HttpMethod.Delete, "/manage/teams/Alice%40example.com");
        var again = await SendAsync(HttpMethod.Delete, "/manage/teams/alice@example.com");

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, "/manage/teams/alice@example.com")).Status);
    }

    [Fact]
    public async Task Import_SpreadsheetCsv_200CountAndEveryRowStored()
    {
        await SendAsync(HttpMethod.Put, "/manage/teams/alice@example.com", """{"team":"old"}""");

        var (status, body, contentType) = await ImportAsync("\uFEFFEmail,Team\r\nAlice@Example.com,platform\r\n\r\n\"bob@example.com\",\"Payments, EMEA\"\r\n", "text/csv; charset=utf-8");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", contentType);
        Assert.Equal(2, body.GetProperty("imported").GetInt32());
        Assert.Equal([("alice@example.com", "platform"), ("bob@example.com", "Payments, EMEA")], await ListAsync());
        Assert.Contains(_app.Logs.Lines, line => line.EventId == 1152 && line.Message.Contains("2 assignment(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_MoreThanOneTransaction_AllStored()
    {
        var csv = new StringBuilder();
        for (var i = 0; i < 250; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"dev{i:000}@example.com,team{i % 3}\n");
        }

        var (status, body, _) = await ImportAsync(csv.ToString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(250, body.GetProperty("imported").GetInt32());
        Assert.Equal(250, (await ListAsync()).Count);
    }

    [Fact]
    public async Task Import_BadLines_400EveryLineAndNothingStored()
    {
        var (status, body, contentType) = await ImportAsync("email,team\nalice@example.com,platform\nnope,\nALICE@example.com,payments\n");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        var errors = body.GetProperty("errors");
        Assert.Equal(["line 3", "line 4"], errors.EnumerateObject().Select(property => property.Name));
        Assert.Equal([TeamMapping.InvalidEmail, TeamMapping.InvalidTeam], errors.GetProperty("line 3").EnumerateArray().Select(message => message.GetString()));
        Assert.Contains("already on line 2", errors.GetProperty("line 4")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("nothing was imported", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await ListAsync());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("text/csv; charset=iso-8859-1")]
    public async Task Import_NotUtf8Csv_415(string contentType)
    {
        var (status, _, problemType) = await ImportAsync("alice@example.com,platform\n", contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("application/problem+json", problemType);
        Assert.Empty(await ListAsync());
    }

    [Fact]
    public async Task Import_NoContentType_415()
    {
        var request = RunningApp.Request(HttpMethod.Post, "/manage/teams/import");
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("alice@example.com,platform\n"));

        var (status, _, _) = await SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
    }

    [Fact]
    public async Task Import_OverOneMebibyte_413AndNothingStored()
    {
        var row = Encoding.UTF8.GetBytes("alice@example.com,platform\n");
        var body = new byte[TeamCsvBody.MaxBytes + 1];
        for (var i = 0; i < body.Length; i++)
        {
            body[i] = row[i % row.Length];
        }

        var (status, _, _) = await ImportAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Empty(await ListAsync());
    }

    [Fact]
    public async Task Import_NotUtf8Bytes_400()
    {
        var (status, body, _) = await ImportAsync([.. "alice@example.com,"u8, 0xE9, .. "quipe\n"u8]);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("UTF-8", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ThenReconciliationPeople_TeamTagsCursorUsage()
    {
        await ImportAsync("erin@example.com,search\n");

        var store = _app.App.Services.GetRequiredService<ITeamMappingStore>();
        var people = PeopleDirectory.Build([], await store.ListAsync(CancellationToken.None));

        Assert.Equal("search", people.TagsFor("Erin@Example.com")[TeamMapping.TagName]);
    }

    [Theory]
    [InlineData("GET", "/manage/teams")]
    [InlineData("GET", "/manage/teams/alice@example.com")]
    [InlineData("PUT", "/manage/teams/alice@example.com")]
    [InlineData("DELETE", "/manage/teams/alice@example.com")]
    [InlineData("POST", "/manage/teams/import")]
    public async Task AnyRoute_WithoutFunctionKey_401(string method, string path)
    {
        var (status, _, _) = await SendAsync(new HttpMethod(method), path, method is "PUT" ? """{"team":"platform"}""" : null, withKey: false);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Empty(await ListAsync());
    }
}
