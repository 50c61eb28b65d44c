using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using KeyMeter.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KeyMeter.Functions.Tests.Cursor;

/// <summary>
/// A loopback stand-in for api.cursor.com's Admin API that answers in the documented shapes with their quirks
/// (https://cursor.com/docs/account/teams/admin-api): Basic auth with the key as user name, string timestamps in epoch ms, fractional
/// cents, member ids as numbers and as <c>user_…</c> strings, <c>tokenUsage</c> or <c>cacheWriteTokens</c> missing,
/// <c>kind</c> as a label, an enum code or <c>kindLabel</c>, page-numbered paging with both date bounds inclusive, 429
/// with <c>Retry-After</c> in the newer body shape, and 401 in the older one. Daily usage comes without paging, as Cursor
/// serves it when no page is asked for: every active user's rows whose <c>date</c> falls in the range, at most 30 days.
/// </summary>
internal sealed class CursorAdminStandIn : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private int _rateLimitedLeft;
    private int _dailyRateLimitedLeft;

    private CursorAdminStandIn(LoopbackServer server, string key)
    {
        _server = server;
        Key = key;
    }

    public string Key { get; }

    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>The events served; a test replaces one to correct its cost after the fact, as Cursor does.</summary>
    public List<StandInEvent> Events { get; } = [];

    public List<(string Id, bool NumericId, string Email, string Role, bool Removed)> Members { get; } = [];

    /// <summary>The rows of <c>/teams/daily-usage-data</c>; a test replaces one to correct a day after the fact.</summary>
    public List<StandInDailyUsage> DailyUsage { get; } = [];

    /// <summary>Every request: path and its JSON body (null for GET).</summary>
    public ConcurrentQueue<(string Path, string? Body, string Authorization)> Requests { get; } = new();

    public int RateLimitedResponses { get; private set; }

    public static async Task<CursorAdminStandIn> StartAsync(string key)
    {
        var standIn = new CursorAdminStandIn(new LoopbackServer(), key);
        await standIn._server.StartAsync(app =>
        {
            app.MapPost("/teams/filtered-usage-events", standIn.UsageEventsAsync);
            app.MapGet("/teams/members", standIn.MembersAsync);
            app.MapPost("/teams/spend", standIn.SpendAsync);
            app.MapPost("/teams/daily-usage-data", standIn.DailyUsageAsync);
        });
        return standIn;
    }

    /// <summary>The next <paramref name="count"/> usage-event requests get 429 with <c>Retry-After: 1</c>.</summary>
    public void RateLimitNext(int count) => Interlocked.Exchange(ref _rateLimitedLeft, count);

    /// <summary>The next <paramref name="count"/> daily-usage requests get 429 with <c>Retry-After: 1</c>.</summary>
    public void RateLimitDailyUsageNext(int count) => Interlocked.Exchange(ref _dailyRateLimitedLeft, count);

    public decimal ChargedCentsTotal => Events.Sum(e => e.ChargedCents);

    private async Task UsageEventsAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context);
        if (!await AuthorizedAsync(context, "/teams/filtered-usage-events", body))
        {
            return;
        }

        if (await RateLimitedAsync(context, ref _rateLimitedLeft))
        {
            return;
        }

        using var request = JsonDocument.Parse(body);
        var root = request.RootElement;
        var start = root.GetProperty("startDate").GetInt64();
        var end = root.GetProperty("endDate").GetInt64();
        var page = root.TryGetProperty("page", out var p) ? p.GetInt32() : 1;
        var pageSize = root.TryGetProperty("pageSize", out var s) ? s.GetInt32() : 100;
        if (pageSize is < 1 or > 1000 || end - start > TimeSpan.FromDays(30).TotalMilliseconds)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("""{"error":"Bad Request","message":"Invalid date range or page size"}""");
            return;
        }

        var matching = Events
            .Where(e => e.At.ToUnixTimeMilliseconds() >= start && e.At.ToUnixTimeMilliseconds() <= end)
            .OrderByDescending(e => e.At)
            .ToList();
        var pages = Math.Max(1, (matching.Count + pageSize - 1) / pageSize);
        await WriteJsonAsync(context, json =>
        {
            json.WriteNumber("totalUsageEventsCount", matching.Count);
            json.WriteStartObject("pagination");
            json.WriteNumber("numPages", pages);
            json.WriteNumber("currentPage", page);
            json.WriteNumber("pageSize", pageSize);
            json.WriteBoolean("hasNextPage", page < pages);
            json.WriteBoolean("hasPreviousPage", page > 1);
            json.WriteEndObject();
            json.WriteStartArray("usageEvents");
            foreach (var e in matching.Skip((page - 1) * pageSize).Take(pageSize))
            {
                WriteEvent(json, e);
            }

            json.WriteEndArray();
            json.WriteStartObject("period");
            json.WriteNumber("startDate", start);
            json.WriteNumber("endDate", end);
            json.WriteEndObject();
        });
    }

    private async Task MembersAsync(HttpContext context)
    {
        if (!await AuthorizedAsync(context, "/teams/members", null))
        {
            return;
        }

        await WriteJsonAsync(context, json =>
        {
            json.WriteStartArray("teamMembers");
            foreach (var member in Members)
            {
                json.WriteStartObject();
                if (member.NumericId)
                {
                    json.WriteNumber("id", long.Parse(member.Id, CultureInfo.InvariantCulture));
                }
                else
                {
                    json.WriteString("id", member.Id);
                }

                json.WriteString("email", member.Email);
                json.WriteString("name", member.Email.Split('@')[0]);
                json.WriteString("role", member.Role);
                json.WriteBoolean("isRemoved", member.Removed);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
    }

    private async Task SpendAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context);
        if (!await AuthorizedAsync(context, "/teams/spend", body))
        {
            return;
        }

        await WriteJsonAsync(context, json =>
        {
            json.WriteStartArray("teamMemberSpend");
            var i = 0;
            foreach (var member in Members.Where(m => !m.Removed))
            {
                json.WriteStartObject();
                json.WriteString("userId", member.Id);
                json.WriteString("name", member.Email);
                json.WriteString("email", member.Email);
                json.WriteString("role", member.Role);
                json.WriteNumber("spendCents", 2450.125487m + i);
                json.WriteNumber("overallSpendCents", 5000.5m + i);
                json.WriteNumber("fastPremiumRequests", 0);
                json.WriteNumber("hardLimitOverrideDollars", 0);
                json.WriteNull("monthlyLimitDollars");
                json.WriteNumber("effectivePerUserLimitDollars", 500);
                json.WriteEndObject();
                i++;
            }

            json.WriteEndArray();
            json.WriteNumber("subscriptionCycleStart", 1762992000000);
            json.WriteNumber("totalMembers", Members.Count);
            json.WriteNumber("totalPages", 1);
        });
    }

    /// <summary>Answers 429 as Cursor does while <paramref name="left"/> lasts; true when it did.</summary>
    private Task<bool> RateLimitedAsync(HttpContext context, ref int left)
    {
        if (Interlocked.Decrement(ref left) < 0)
        {
            return Task.FromResult(false);
        }

        RateLimitedResponses++;
        context.Response.StatusCode = 429;
        context.Response.Headers.RetryAfter = "1";
        return WriteRateLimitAsync(context);
    }

    private static async Task<bool> WriteRateLimitAsync(HttpContext context)
    {
        await context.Response.WriteAsync("""{"code":"error","message":"Rate limit exceeded"}""");
        return true;
    }

    private async Task DailyUsageAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context);
        if (!await AuthorizedAsync(context, "/teams/daily-usage-data", body))
        {
            return;
        }

        if (await RateLimitedAsync(context, ref _dailyRateLimitedLeft))
        {
            return;
        }

        using var request = JsonDocument.Parse(body);
        var root = request.RootElement;
        if (!root.TryGetProperty("startDate", out var startElement) || startElement.ValueKind != JsonValueKind.Number
            || !root.TryGetProperty("endDate", out var endElement) || endElement.ValueKind != JsonValueKind.Number
            || endElement.GetInt64() < startElement.GetInt64()
            || endElement.GetInt64() - startElement.GetInt64() > TimeSpan.FromDays(30).TotalMilliseconds)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("""{"error":"Bad Request","message":"Date range cannot exceed 30 days"}""");
            return;
        }

        var start = startElement.GetInt64();
        var end = endElement.GetInt64();
        await WriteJsonAsync(context, json =>
        {
            json.WriteStartArray("data");
            foreach (var row in DailyUsage.Where(row => DateMs(row.Day) >= start && DateMs(row.Day) <= end))
            {
                WriteDailyUsage(json, row);
            }

            json.WriteEndArray();
            json.WriteStartObject("period");
            json.WriteNumber("startDate", start);
            json.WriteNumber("endDate", end);
            json.WriteEndObject();
        });
    }

    private static long DateMs(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static void WriteDailyUsage(Utf8JsonWriter json, StandInDailyUsage row)
    {
        void Number(string name, long value)
        {
            if (row.AsStrings)
            {
                json.WriteString(name, value.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                json.WriteNumber(name, value);
            }
        }

        json.WriteStartObject();
        Number("userId", row.UserId);
        json.WriteString("day", row.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Number("date", DateMs(row.Day));
        json.WriteBoolean("isActive", true);
        foreach (var field in StandInDailyUsage.CountFields.Where(row.Counts.ContainsKey))
        {
            Number(field, row.Counts[field]);
        }

        json.WriteString("mostUsedModel", "claude-4.5-sonnet");
        json.WriteNull("applyMostUsedExtension");
        json.WriteString("tabMostUsedExtension", ".ts");
        json.WriteString("clientVersion", "2.1.0");
        if (row.Email is null)
        {
            json.WriteNull("email");
        }
        else
        {
            json.WriteString("email", row.Email);
        }

        json.WriteEndObject();
    }

    private static void WriteEvent(Utf8JsonWriter json, StandInEvent e)
    {
        json.WriteStartObject();
        json.WriteString("timestamp", e.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        json.WriteString("userEmail", e.Email);
        json.WriteString("model", e.Model);
        json.WriteString(e.KindField, e.Kind);
        json.WriteBoolean("maxMode", true);
        json.WriteNumber("requestsCosts", 1.4m);
        if (e.ConversationId is not null)
        {
            json.WriteString("conversationId", e.ConversationId);
        }

        json.WriteBoolean("isTokenBasedCall", e.Tokens is not null);
        json.WriteBoolean("isChargeable", true);
        json.WriteBoolean("isHeadless", false);
        if (e.Tokens is { } t)
        {
            json.WriteStartObject("tokenUsage");
            json.WriteNumber("inputTokens", t.Input);
            json.WriteNumber("outputTokens", t.Output);
            if (!e.OmitCacheWrite)
            {
                json.WriteNumber("cacheWriteTokens", t.CacheWrite);
            }

            json.WriteNumber("cacheReadTokens", t.CacheRead);
            json.WriteNumber("totalCents", e.ChargedCents - (e.CursorTokenFee ?? 0m));
            json.WriteEndObject();
        }

        json.WriteNumber("chargedCents", e.ChargedCents);
        if (e.CursorTokenFee is { } fee)
        {
            json.WriteNumber("cursorTokenFee", fee);
        }

        json.WriteEndObject();
    }

    private static async Task WriteJsonAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(buffer.ToArray());
    }

    private async Task<bool> AuthorizedAsync(HttpContext context, string path, string? body)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        Requests.Enqueue((path, body, authorization));
        if (authorization == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Key + ":")))
        {
            return true;
        }

        context.Response.StatusCode = 401;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("""{"error":"Unauthorized","message":"Invalid API key"}""");
        return false;
    }

    private static async Task<string> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
