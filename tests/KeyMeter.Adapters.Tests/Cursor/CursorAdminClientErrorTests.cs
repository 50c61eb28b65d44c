using System.Globalization;
using System.Net;
using System.Text;
using KeyMeter.Adapters.Cursor;
using KeyMeter.Core.Cursor;
using KeyMeter.Core.Secrets;

namespace KeyMeter.Adapters.Tests.Cursor;

/// <summary>Failures that no retry fixes: a missing or rejected key, a bad request, a 2xx that is not the documented JSON.</summary>
public sealed class CursorAdminClientErrorTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly FakeCursorHandler _handler = new(TimeProvider.System);

    private CursorAdminClient Create(FakeCursorSecrets secrets) => CursorTestClients.Create(_handler, secrets, TimeProvider.System);

    [Theory]
    [InlineData("""{"error":"Bad Request","message":"Date range cannot exceed 30 days"}""", "Date range cannot exceed 30 days")]
    [InlineData("""{"code":"error","message":"Invalid hostingType"}""", "Invalid hostingType")]
    [InlineData("""{"outcome":"error","message":"User not found"}""", "User not found")]
    [InlineData("""{"error":"Invalid page"}""", "Invalid page")]
    [InlineData("plain text from a gateway", "plain text from a gateway")]
    public async Task GetUsageEventsAsync_400WithErrorBody_BadRequestWithCursorsMessage(string body, string cursorMessage)
    {
        _handler.Respond(HttpStatusCode.BadRequest, body);

        var error = await Assert.ThrowsAsync<CursorApiException>(() =>
            Create(new(CursorTestClients.Key)).GetUsageEventsAsync(CursorTestClients.Start.AddDays(-40), CursorTestClients.Start, 1, 100, None));

        Assert.Equal(CursorApiFailure.BadRequest, error.Failure);
        Assert.Equal(400, error.Status);
        Assert.Contains(cursorMessage, error.Message, StringComparison.Ordinal);
        Assert.Contains("POST /teams/filtered-usage-events", error.Message, StringComparison.Ordinal);
        Assert.Contains("400", error.Message, StringComparison.Ordinal);
        Assert.Single(_handler.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, """{"error":"Unauthorized","message":"Invalid API key"}""", "Invalid API key")]
    [InlineData(HttpStatusCode.Forbidden, """{"error":"Forbidden","message":"Enterprise access required"}""", "Enterprise access required")]
    public async Task GetSpendAsync_KeyRejected_RejectedInvalidatedNoRetry(HttpStatusCode status, string body, string cursorMessage)
    {
        var secrets = new FakeCursorSecrets(CursorTestClients.Key);
        _handler.Respond(status, body);

        var error = await Assert.ThrowsAsync<CursorApiException>(() => Create(secrets).GetSpendAsync(1, 100, None));

        Assert.Equal(CursorApiFailure.Rejected, error.Failure);
        Assert.Equal((int)status, error.Status);
        Assert.Equal([SecretNames.CursorAdminApiKey], secrets.Invalidated);
        Assert.Single(_handler.Requests);
        Assert.Contains(cursorMessage, error.Message, StringComparison.Ordinal);
        Assert.Contains(((int)status).ToString(CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Contains("POST /teams/spend", error.Message, StringComparison.Ordinal);
        Assert.Contains(SecretNames.CursorAdminApiKey, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(CursorTestClients.Key, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(CursorTestClients.Key + ":")), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMembersAsync_CursorEchoesTheKey_KeyRedacted()
    {
        _handler.Respond(HttpStatusCode.Unauthorized, $$"""{"message":"Unknown key {{CursorTestClients.Key}}"}""");

        var error = await Assert.ThrowsAsync<CursorApiException>(() => Create(new(CursorTestClients.Key)).GetMembersAsync(None));

        Assert.DoesNotContain(CursorTestClients.Key, error.Message, StringComparison.Ordinal);
        Assert.Contains("Unknown key [redacted]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task GetMembersAsync_NoSecret_MissingKeyWithoutRequest(string? key)
    {
        var error = await Assert.ThrowsAsync<CursorApiException>(() => Create(new(key)).GetMembersAsync(None));

        Assert.Equal(CursorApiFailure.MissingKey, error.Failure);
        Assert.Equal(0, error.Status);
        Assert.Empty(_handler.Requests);
        Assert.Contains("CursorAdminApiKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("Key Vault", error.Message, StringComparison.Ordinal);
        Assert.Contains("KeyMeter__Secrets__CursorAdminApiKey", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("<html>maintenance</html>")]
    [InlineData("""{"usageEvents":"not a list"}""")]
    [InlineData("""{"totalUsageEventsCount":"113"}""")]
    public async Task GetUsageEventsAsync_2xxNotDocumentedJson_InvalidResponse(string body)
    {
        _handler.Respond(HttpStatusCode.OK, body);

        var error = await Assert.ThrowsAsync<CursorApiException>(() =>
            Create(new(CursorTestClients.Key)).GetUsageEventsAsync(CursorTestClients.Start.AddDays(-1), CursorTestClients.Start, 1, 100, None));

        Assert.Equal(CursorApiFailure.InvalidResponse, error.Failure);
        Assert.Equal(200, error.Status);
        Assert.Contains("POST /teams/filtered-usage-events", error.Message, StringComparison.Ordinal);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task GetMembersAsync_LongMessageWithControlCharacters_SanitisedAndBounded()
    {
        var noise = new string('x', 1000);
        _handler.Respond(HttpStatusCode.NotFound, $$"""{"error":"Not Found","message":"line one\r\nline\u0007two {{noise}}"}""");

        var error = await Assert.ThrowsAsync<CursorApiException>(() => Create(new(CursorTestClients.Key)).GetMembersAsync(None));

        Assert.Equal(CursorApiFailure.BadRequest, error.Failure);
        Assert.DoesNotContain(error.Message, char.IsControl);
        Assert.Contains("line onelinetwo xxx", error.Message, StringComparison.Ordinal);
        Assert.Contains(new string('x', 250), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 300), error.Message, StringComparison.Ordinal);
    }
}
