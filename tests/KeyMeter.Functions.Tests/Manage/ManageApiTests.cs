using System.Net;
using System.Text.Json;
using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Keys;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyMeter.Functions.Tests.Manage;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ManageApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string ValidKey = """
        {"name":"alice-laptop","ownerEmail":"alice@example.com","tags":{"team":"platform","project":"checkout"},
         "budgets":{"daily":20,"monthly":300},"allowedModels":["gpt-5","claude-*"]}
        """;

    private RunningApp _app = null!;

    public async Task InitializeAsync() => _app = await RunningApp.StartAsync(azurite);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Body, string ContentType)> SendAsync(
        HttpMethod method, string path, string? json = null, bool withKey = true)
    {
        using var response = await _app.Client.SendAsync(RunningApp.Request(method, path, json, withKey));
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body, response.Content.Headers.ContentType?.MediaType ?? string.Empty);
    }

    private async Task<(string Id, string Secret)> CreateAsync(string json = ValidKey)
    {
        var (status, body, _) = await SendAsync(HttpMethod.Post, "/manage/keys", json);
        Assert.Equal(HttpStatusCode.Created, status);
        return (body.GetProperty("key").GetProperty("id").GetString()!, body.GetProperty("secret").GetString()!);
    }

    /// <summary>Every property of every entity in the app's keys table, as text.</summary>
    private async Task<List<string>> KeysTableContentsAsync()
    {
        var table = await _app.App.Services.GetRequiredService<TableProvider>().GetAsync(KeyTableLayout.TableName, CancellationToken.None);
        var contents = new List<string>();
        await foreach (var entity in table.QueryAsync(new TableQuery(), CancellationToken.None))
        {
            contents.Add(entity.PartitionKey + " " + entity.RowKey + " " + string.Join(' ', entity.Properties.Select(p => $"{p.Key}={p.Value}")));
        }

        return contents;
    }

    [Fact]
    public async Task Post_ValidKey_ReturnsKmSecretOnceAndStoresOnlyItsHash()
    {
        var (status, body, contentType) = await SendAsync(HttpMethod.Post, "/manage/keys", ValidKey);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("application/json", contentType);
        var secret = body.GetProperty("secret").GetString()!;
        var id = body.GetProperty("key").GetProperty("id").GetString()!;
        Assert.Matches("^km_[A-Za-z0-9_-]{43}$", secret);
        Assert.Equal("active", body.GetProperty("key").GetProperty("status").GetString());
        Assert.Equal(20m, body.GetProperty("key").GetProperty("budgets").GetProperty("daily").GetDecimal());

        var one = await SendAsync(HttpMethod.Get, $"/manage/keys/{id}");
        var all = await SendAsync(HttpMethod.Get, "/manage/keys");
        var audit = await SendAsync(HttpMethod.Get, $"/manage/keys/{id}/audit");
        Assert.Equal(HttpStatusCode.OK, one.Status);
        Assert.Equal("alice-laptop", one.Body.GetProperty("name").GetString());
        Assert.Single(all.Body.EnumerateArray());
        Assert.Equal("created", audit.Body[0].GetProperty("action").GetString());
        foreach (var later in new[] { one.Body, all.Body, audit.Body })
        {
            Assert.DoesNotContain(secret, later.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain("secret", later.GetRawText(), StringComparison.OrdinalIgnoreCase);
        }

        var table = await KeysTableContentsAsync();
        Assert.Contains(table, row => row.Contains(KeySecret.Hash(secret), StringComparison.Ordinal));
        Assert.DoesNotContain(table, row => row.Contains(secret, StringComparison.Ordinal) || row.Contains(secret[3..], StringComparison.Ordinal));
        Assert.DoesNotContain(secret[3..], _app.Logs.All, StringComparison.Ordinal);
        Assert.Contains(id, _app.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithoutFunctionKey_401ProblemAndNothingCreated()
    {
        var (status, body, contentType) = await SendAsync(HttpMethod.Post, "/manage/keys", ValidKey, withKey: false);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal(401, body.GetProperty("status").GetInt32());
        Assert.Empty(await KeysTableContentsAsync());
    }

    [Fact]
    public async Task Get_WrongFunctionKey_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/manage/keys");
        request.Headers.Add("x-functions-key", RunningApp.FunctionKey + "x");

        using var response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Root_NoKey_200ForHostReadiness()
    {
        using var response = await _app.Client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"ownerEmail":"a@example.com"}""", "name")]
    [InlineData("""{"name":"x","ownerEmail":"nope"}""", "ownerEmail")]
    [InlineData("""{"name":"x","ownerEmail":"a@example.com","budgets":{"daily":-1}}""", "budgets.daily")]
    [InlineData("""{"name":"x","ownerEmail":"a@example.com","budgets":{"monthly":-5}}""", "budgets.monthly")]
    [InlineData("""{"name":"x","ownerEmail":"a@example.com","tags":{"Bad Tag":"v"}}""", "tags")]
    public async Task Post_InvalidField_400NamesFieldAndNothingStored(string json, string field)
    {
        var (status, body, contentType) = await SendAsync(HttpMethod.Post, "/manage/keys", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.GetRawText());
        Assert.Empty(await KeysTableContentsAsync());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"name":"x","ownerEmail":"a@example.com","budget":{"daily":1}}""")]
    [InlineData("""{"name":"x","ownerEmail":"a@example.com","budgets":{"daily":"ten"}}""")]
    [InlineData("[]")]
    [InlineData("")]
    public async Task Post_MalformedBody_400ProblemAndNothingStored(string json)
    {
        var (status, body, _) = await SendAsync(HttpMethod.Post, "/manage/keys", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        Assert.Empty(await KeysTableContentsAsync());
    }

    [Fact]
    public async Task Post_BodyOver64KB_413()
    {
        var json = $$$"""{"name":"x","ownerEmail":"a@example.com","tags":{"t":"{{{new string('a', 70_000)}}}"}}""";

        var (status, _, _) = await SendAsync(HttpMethod.Post, "/manage/keys", json);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task Post_DuplicateName_409AndOneKey()
    {
        await CreateAsync();

        var (status, body, _) = await SendAsync(HttpMethod.Post, "/manage/keys", ValidKey.Replace("alice-laptop", "ALICE-LAPTOP", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal(409, body.GetProperty("status").GetInt32());
        Assert.Single((await SendAsync(HttpMethod.Get, "/manage/keys")).Body.EnumerateArray());
    }

    [Fact]
    public async Task UnknownId_404OnEveryRoute()
    {
        var id = KeyId.New();

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/manage/keys/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Patch, $"/manage/keys/{id}", """{"status":"disabled"}""")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, $"/manage/keys/{id}/rotate")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Delete, $"/manage/keys/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/manage/keys/{id}/audit")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, "/manage/keys/not-an-id")).Status);
    }

    [Fact]
    public async Task Patch_BudgetsTagsStatus_ChangedAndAudited()
    {
        var (id, _) = await CreateAsync();

        var (status, body, _) = await SendAsync(HttpMethod.Patch, $"/manage/keys/{id}", """{"budgets":{"daily":null},"tags":{"team":"data"},"status":"disabled"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("budgets").GetProperty("daily").ValueKind);
        Assert.Equal(300m, body.GetProperty("budgets").GetProperty("monthly").GetDecimal());
        Assert.Equal("data", body.GetProperty("tags").GetProperty("team").GetString());
        Assert.False(body.GetProperty("tags").TryGetProperty("project", out _));
        Assert.Equal("disabled", body.GetProperty("status").GetString());
        var audit = (await SendAsync(HttpMethod.Get, $"/manage/keys/{id}/audit")).Body;
        Assert.Equal(2, audit.GetArrayLength());
        Assert.Equal("updated", audit[0].GetProperty("action").GetString());
        Assert.Contains("status: active -> disabled", audit[0].GetProperty("changes").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_InvalidValue_400AndUnchanged()
    {
        var (id, _) = await CreateAsync();

        var (status, _, _) = await SendAsync(HttpMethod.Patch, $"/manage/keys/{id}", """{"budgets":{"daily":-3},"status":"disabled"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var key = (await SendAsync(HttpMethod.Get, $"/manage/keys/{id}")).Body;
        Assert.Equal(20m, key.GetProperty("budgets").GetProperty("daily").GetDecimal());
        Assert.Equal("active", key.GetProperty("status").GetString());
        Assert.Equal(1, (await SendAsync(HttpMethod.Get, $"/manage/keys/{id}/audit")).Body.GetArrayLength());
    }

    [Fact]
    public async Task Rotate_NewSecretWorksOldOneIsGone()
    {
        var (id, oldSecret) = await CreateAsync();

        var (status, body, _) = await SendAsync(HttpMethod.Post, $"/manage/keys/{id}/rotate");

        Assert.Equal(HttpStatusCode.OK, status);
        var newSecret = body.GetProperty("secret").GetString()!;
        Assert.NotEqual(oldSecret, newSecret);
        var store = _app.App.Services.GetRequiredService<IKeyStore>();
        Assert.Null(await store.FindBySecretHashAsync(KeySecret.Hash(oldSecret), CancellationToken.None));
        Assert.Equal(id, (await store.FindBySecretHashAsync(KeySecret.Hash(newSecret), CancellationToken.None))!.Id);
        var table = await KeysTableContentsAsync();
        Assert.DoesNotContain(table, row => row.Contains(KeySecret.Hash(oldSecret), StringComparison.Ordinal));
        Assert.DoesNotContain(newSecret[3..], _app.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_RevokesAndFreesTheName()
    {
        var (id, secret) = await CreateAsync();

        var (status, body, _) = await SendAsync(HttpMethod.Delete, $"/manage/keys/{id}");
        var patch = await SendAsync(HttpMethod.Patch, $"/manage/keys/{id}", """{"status":"active"}""");
        var again = await SendAsync(HttpMethod.Post, "/manage/keys", ValidKey);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("revoked", body.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, patch.Status);
        Assert.Equal(HttpStatusCode.Created, again.Status);
        var store = _app.App.Services.GetRequiredService<IKeyStore>();
        var revoked = await store.FindBySecretHashAsync(KeySecret.Hash(secret), CancellationToken.None);
        Assert.False(revoked!.IsUsableAt(DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task Put_OnKeyRoute_405()
    {
        var (id, _) = await CreateAsync();

        var (status, _, _) = await SendAsync(HttpMethod.Put, $"/manage/keys/{id}", ValidKey);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
    }
}
