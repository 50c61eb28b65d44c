using System.Globalization;
using System.Text;
using System.Text.Json;
using KeyMeter.Core.Alerts;
using KeyMeter.Core.Metering;
using KeyMeter.Functions.CustomHandler;
using KeyMeter.Functions.Hosting;
using KeyMeter.Functions.Local;
using KeyMeter.Functions.Tests.Notifications;
using static KeyMeter.Testing.AggregationFixtures;

namespace KeyMeter.Functions.Tests.Fuzz;

/// <summary>
/// The fuzz run's requests, all from one seed: bodies of the proxy, management and payload routes mutated by
/// <see cref="FuzzJson"/>, absurd query strings and path segments on the report and management routes, wrong content
/// types, missing or wrong keys, cross-origin headers, and over a bare socket oversized Content-Lengths and truncated
/// bodies.
/// </summary>
internal sealed class FuzzCorpus(FuzzContext context, int seed)
{
    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "application/json; charset=latin1", "application/merge-patch+json", "application/xml", "*/*", ";;;", "application/json\u00e9",
    ];

    private static readonly string[] Dates =
    [
        "2026-11-01", "2026-11-30", "2026-03-10", "2025-12-31", "0001-01-01", "9999-12-31", "1999-12-31", "2000-01-01", "2999-12-31", "3000-01-01",
        "2026-02-30", "2026-13-01", "-1", "", "yesterday", "2026-11-01T00:00:00Z", "\uff12\uff10\uff12\uff16-11-01", "%00", "%ff%fe", "20261101", "2026-1-1",
    ];

    private static readonly string[] Junk =
    [
        "", "%00", "%ff", "%2F..%2F..", "..", "%E2%80%AE", "\u00e9", "a b", "'", "\"", "<>", "${x}", "%", "%%", "%u0041", "key_0123456789abcdef0123",
        "key_ZZZZZZZZZZZZZZZZZZZZ", "\ud83d\ude00", "null", "undefined", "-1", "99999999999999999999", "__proto__",
    ];

    /// <summary>Stands for a message body that is not UTF-8 until the envelope is written; plain ASCII, so no encoding changes it.</summary>
    private const string RawMarker = "RAWBODYMARKER";

    private readonly Random _random = new(seed);
    private int _number;

    public IReadOnlyList<FuzzCase> Generate(int count)
    {
        var cases = new List<FuzzCase>(count);
        while (cases.Count < count)
        {
            var roll = _random.Next(100);
            cases.Add(roll switch
            {
                < 16 => ProxyBody("POST /v1/chat/completions", "/v1/chat/completions", ChatTemplate()),
                < 25 => ProxyBody("POST /v1/responses", "/v1/responses", ResponsesTemplate()),
                < 36 => ProxyBody("POST /anthropic/v1/messages", "/anthropic/v1/messages", MessagesTemplate()),
                < 38 => ProxyBody("POST /anthropic/v1/messages/count_tokens", "/anthropic/v1/messages/count_tokens", """{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"hi"}]}"""),
                < 42 => ProxyGet(),
                < 44 => ProxyOther(),
                < 62 => Manage(),
                < 75 => Report(),
                < 94 => Payload(),
                _ => Raw(),
            });
        }

        return cases;
    }

    private string ChatTemplate() => _random.Next(3) == 0
        ? """{"model":"gpt-5","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"system","content":"be brief"},{"role":"user","content":"hi"}],"max_completion_tokens":16}"""
        : """{"model":"gpt-5","messages":[{"role":"user","content":"hi"}],"max_tokens":16,"temperature":0.5}""";

    private string ResponsesTemplate() => _random.Next(3) == 0
        ? """{"model":"gpt-5","stream":true,"input":[{"role":"user","content":"hi"}],"max_output_tokens":16}"""
        : """{"model":"gpt-5","input":"hi","max_output_tokens":16,"previous_response_id":null}""";

    private string MessagesTemplate() => _random.Next(3) == 0
        ? """{"model":"claude-sonnet-4-5","stream":true,"max_tokens":16,"system":"be brief","messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}]}"""
        : """{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";

    private FuzzCase ProxyBody(string route, string path, string template)
    {
        var mutation = FuzzJson.Pick(FuzzJson.Mutations, _random);
        var body = FuzzJson.Mutate(template, mutation, _random);
        var contentType = "application/json";
        if (_random.Next(10) == 0)
        {
            contentType = FuzzJson.Pick(ContentTypes, _random);
            mutation += "+content-type";
        }

        return new FuzzCase(++_number, route, mutation, "POST", path + ProxyQuery(), ProxyHeaders(path), contentType, body);
    }

    private FuzzCase ProxyGet()
    {
        var path = _random.Next(2) == 0 ? "/v1/models" : "/anthropic/v1/models";
        return new FuzzCase(++_number, "GET " + path, "query", "GET", path + ProxyQuery(force: true), ProxyHeaders(path), null, null);
    }

    private FuzzCase ProxyOther()
    {
        var (method, path) = FuzzJson.Pick<(string, string)>(
        [
            ("POST", "/v1/embeddings"), ("POST", "/v1/completions"), ("DELETE", "/v1/chat/completions"), ("GET", "/v1/chat/completions"),
            ("POST", "/v1/images/generations"), ("PUT", "/anthropic/v1/messages"), ("POST", "/anthropic/v1/complete"), ("GET", "/v1/" + Segment()),
            ("PATCH", "/v1/models"), ("POST", "/v1/responses/" + Segment()),
        ], _random);
        var body = method is "GET" ? null : FuzzJson.Mutate("""{"model":"gpt-5","input":"hi","prompt":"hi"}""", FuzzJson.Pick(FuzzJson.Mutations, _random), _random);
        return new FuzzCase(++_number, $"{method} {(path.StartsWith("/v1/", StringComparison.Ordinal) ? "/v1/*" : "/anthropic/*")}", "other-route", method, path + ProxyQuery(), ProxyHeaders(path), body is null ? null : "application/json", body);
    }

    private string ProxyQuery(bool force = false)
    {
        if (!force && _random.Next(4) != 0)
        {
            return string.Empty;
        }

        return _random.Next(6) switch
        {
            0 => "?beta=true",
            1 => "?api-version=2024-10-21&beta=" + Segment(),
            2 => "?" + Segment() + "=" + Segment(),
            3 => "?limit=" + FuzzJson.Pick(["-1", "0", "99999999999999999999", "abc"], _random) + "&after=" + Segment(),
            4 => "?key=" + context.ProxyKey[..6] + "&" + new string('a', _random.Next(100, 6000)) + "=1",
            _ => "?a=1&a=2&a=" + Segment(),
        };
    }

    private List<KeyValuePair<string, string>> ProxyHeaders(string path)
    {
        var headers = new List<KeyValuePair<string, string>>();
        var secret = _random.Next(10) switch
        {
            0 => null,
            1 => "km_" + new string('0', 40),
            2 => context.LimitedKey,
            3 => context.LimitedKey,
            _ => context.ProxyKey,
        };
        if (secret is not null)
        {
            headers.Add(path.StartsWith("/anthropic", StringComparison.Ordinal) && _random.Next(2) == 0
                ? new("x-api-key", secret)
                : new("Authorization", "Bearer " + secret));
        }

        if (path.StartsWith("/anthropic", StringComparison.Ordinal))
        {
            headers.Add(new("anthropic-version", _random.Next(8) == 0 ? Segment() : "2023-06-01"));
        }

        switch (_random.Next(12))
        {
            case 0:
                headers.Add(new("Origin", "https://evil.example"));
                headers.Add(new("Sec-Fetch-Site", "cross-site"));
                break;
            case 1:
                headers.Add(new("Authorization", "Bearer " + Segment()));
                break;
            case 2:
                headers.Add(new("OpenAI-Organization", "org-" + Segment()));
                headers.Add(new("anthropic-beta", Segment()));
                break;
            case 3:
                headers.Add(new("Accept-Encoding", "gzip, br"));
                headers.Add(new("X-Forwarded-For", "1.2.3.4"));
                break;
        }

        return headers;
    }

    private FuzzCase Manage()
    {
        var victim = _random.Next(4) == 0 ? Segment() : context.VictimKeyId;
        var (route, method, path, template) = _random.Next(14) switch
        {
            0 or 1 or 2 => ("POST /manage/keys", "POST", "/manage/keys", CreateKeyTemplate()),
            3 or 4 => ("PATCH /manage/keys/{id}", "PATCH", "/manage/keys/" + victim, PatchTemplate()),
            5 => ("PUT /manage/teams/{email}", "PUT", "/manage/teams/" + Uri.EscapeDataString(_random.Next(3) == 0 ? Segment() : $"dev{_random.Next(50)}@example.com"), """{"team":"platform"}"""),
            6 => ("POST /manage/teams/import", "POST", "/manage/teams/import", null),
            7 => ("GET /manage/keys/{id}", "GET", "/manage/keys/" + victim + (_random.Next(2) == 0 ? "/audit" : string.Empty), null),
            8 => ("POST /manage/keys/{id}/rotate", "POST", "/manage/keys/" + victim + "/rotate", null),
            9 => ("DELETE /manage/keys/{id}", "DELETE", "/manage/keys/" + (_random.Next(3) == 0 ? context.VictimKeyId : Segment()), null),
            10 => ("GET /manage/deadletters/{queue}", "GET", "/manage/deadletters/" + FuzzJson.Pick(["usage", "alerts", "USAGE", "poison", Segment()], _random) + "?max=" + FuzzJson.Pick(["1", "0", "500", "501", "-1", "abc", "99999999999", string.Empty], _random), null),
            11 => ("POST /manage/deadletters/{queue}/replay", "POST", "/manage/deadletters/" + FuzzJson.Pick(["usage", "alerts", Segment()], _random) + "/replay?max=" + FuzzJson.Pick(["1", "0", "-5", "x", "1e3"], _random), null),
            12 => ("GET /manage/teams", "GET", "/manage/teams" + (_random.Next(2) == 0 ? "/" + Segment() : string.Empty), null),
            _ => ("GET /manage/keys", "GET", "/manage/keys?" + Segment() + "=" + Segment(), null),
        };

        byte[]? body = null;
        string? contentType = null;
        var mutation = "path";
        if (template is not null)
        {
            mutation = FuzzJson.Pick(FuzzJson.Mutations, _random);
            body = FuzzJson.Mutate(template, mutation, _random);
            contentType = method == "PATCH" && _random.Next(2) == 0 ? "application/merge-patch+json" : "application/json";
        }
        else if (route == "POST /manage/teams/import")
        {
            (mutation, body) = Csv();
            contentType = "text/csv";
        }
        else if (method != "GET" && _random.Next(4) == 0)
        {
            mutation = "unexpected-body";
            body = FuzzJson.Mutate("""{"a":1}""", FuzzJson.Pick(FuzzJson.Mutations, _random), _random);
            contentType = "application/json";
        }

        if (body is not null && _random.Next(8) == 0)
        {
            contentType = FuzzJson.Pick(ContentTypes, _random);
            mutation += "+content-type";
        }

        var headers = FunctionHeaders(ref mutation);
        return new FuzzCase(++_number, route, mutation, method, path, headers, contentType, body);
    }

    private string CreateKeyTemplate() =>
        $$"""{"name":"fz-{{_number}}-{{_random.Next()}}","ownerEmail":"fz@example.com","tags":{"team":"fuzz","project":"p"},"budgets":{"daily":5,"monthly":50},"allowedModels":["gpt-5","claude-*"],"expiresAt":"2030-01-01T00:00:00Z"}""";

    private string PatchTemplate() => _random.Next(3) switch
    {
        0 => """{"budgets":{"daily":10,"monthly":null},"tags":{"team":"x"}}""",
        1 => """{"status":"disabled","allowedModels":["gpt-5"]}""",
        _ => """{"expiresAt":"2031-01-01T00:00:00Z","status":"active"}""",
    };

    private (string Mutation, byte[] Body) Csv()
    {
        var text = new StringBuilder("email,team\n");
        for (var i = _random.Next(0, 30); i > 0; i--)
        {
            text.Append(CultureInfo.InvariantCulture, $"dev{_random.Next(100)}@example.com,team{_random.Next(5)}\n");
        }

        var csv = Encoding.UTF8.GetBytes(text.ToString());
        return _random.Next(7) switch
        {
            0 => ("csv-invalid-utf8", [.. csv, 0xFF, 0xFE, (byte)',', 0xC3, 0x28]),
            1 => ("csv-garbage", Encoding.UTF8.GetBytes(FuzzJson.RandomValue(_random, 0))),
            2 => ("csv-bom", [0xEF, 0xBB, 0xBF, .. csv]),
            3 => ("csv-long-line", Encoding.UTF8.GetBytes("a@b.c," + new string('t', _random.Next(1000, 200_000)))),
            4 => ("csv-quotes", Encoding.UTF8.GetBytes("\"a@b.c,\"x\n\"\"\"\n,,,\n\r\n\u0000,\u2028")),
            5 => ("csv-empty", []),
            _ => ("csv-valid", csv),
        };
    }

    private FuzzCase Report()
    {
        var (route, path) = _random.Next(9) switch
        {
            0 => ("GET /reports/summary", "/reports/summary?" + Range() + "&groupBy=" + GroupBy()),
            1 => ("GET /reports/daily", "/reports/daily?" + Range() + "&groupBy=" + GroupBy() + "&top=" + FuzzJson.Pick(["-1", "0", "1", "20", "21", "99999999999", "abc", "1.5", string.Empty], _random)),
            2 => ("GET /reports/budgets", "/reports/budgets?day=" + Date()),
            3 => ("GET /reports/keys/{id}/daily", "/reports/keys/" + (_random.Next(2) == 0 ? context.VictimKeyId : Segment()) + "/daily?" + Range()),
            4 => ("GET /reports/export.csv", "/reports/export.csv?" + Range()),
            5 => ("GET /reports/export.focus.csv", "/reports/export.focus.csv?" + Range()),
            6 => ("GET /reports/reconciliation", "/reports/reconciliation?" + Range()),
            7 => ("GET /reports/digest", "/reports/digest?period=" + FuzzJson.Pick(["daily", "weekly", "monthly", "DAILY", string.Empty, Segment()], _random) + "&format=" + FuzzJson.Pick(["html", "text", "json", string.Empty], _random) + "&date=" + Date()),
            _ => ("GET /reports/*", "/reports/" + Segment() + "?" + Range()),
        };

        if (_random.Next(10) == 0)
        {
            path += "&" + new string('x', _random.Next(1000, 9000)) + "=1";
        }

        var method = _random.Next(15) == 0 ? FuzzJson.Pick(["POST", "DELETE", "PUT"], _random) : "GET";
        var mutation = "query";
        byte[]? body = null;
        if (_random.Next(10) == 0)
        {
            body = FuzzJson.Mutate("""{"from":"2026-11-01"}""", "long-string", _random)[..(int)Math.Min(BodyLimits.NoBody * 2, _random.Next(10, 10_000))];
            mutation = "body-on-get";
        }

        var headers = FunctionHeaders(ref mutation);
        return new FuzzCase(++_number, route, mutation, method, path, headers, body is null ? null : "application/json", body);
    }

    private string Range() => _random.Next(5) switch
    {
        0 => string.Empty,
        1 => "from=" + Date(),
        2 => "from=" + Date() + "&to=" + Date(),
        3 => "to=" + Date() + "&from=" + Date() + "&from=" + Date(),
        _ => "from=2026-11-01&to=" + Date(),
    };

    private string Date() => _random.Next(8) == 0 ? Segment() : FuzzJson.Pick(Dates, _random);

    private string GroupBy() => FuzzJson.Pick(["key", "developer", "team", "project", "model", "provider", "tag:team", "tag:", string.Empty, "__proto__", Segment()], _random);

    private string Segment()
    {
        var junk = FuzzJson.Pick(Junk, _random);
        return _random.Next(10) == 0 ? new string('k', _random.Next(200, 3000)) : Uri.EscapeDataString(junk).Replace("%25", "%", StringComparison.Ordinal);
    }

    private FuzzCase Payload()
    {
        var function = FuzzJson.Pick(["usage-aggregate", "usage-aggregate", "usage-aggregate", "alert-notify", "alert-notify", "usage-retention", "usage-outbox", "digest-daily", "digest-weekly", "cursor-poll", "cursor-members", "cursor-daily-usage"], _random);
        var (mutation, body) = function switch
        {
            "usage-aggregate" => UsagePayload(),
            "alert-notify" => AlertPayload(),
            _ => TimerPayload(),
        };
        var contentType = "application/json";
        if (_random.Next(12) == 0)
        {
            contentType = FuzzJson.Pick(ContentTypes, _random);
            mutation += "+content-type";
        }

        var headers = FunctionHeaders(ref mutation);
        return new FuzzCase(++_number, "POST /" + function, mutation, "POST", "/" + function, headers, contentType, body);
    }

    private (string Mutation, byte[] Body) UsagePayload()
    {
        // Inner bodies mutated one by one, then the host's encoding around them, then perhaps the envelope itself.
        var count = _random.Next(1, 6);
        var bodies = new List<string>();
        var ids = new List<string>();
        var mutations = new List<string>();
        byte[]? raw = null;
        for (var i = 0; i < count; i++)
        {
            var id = $"px_fz_{_number}_{i}";
            var mutation = _random.Next(3) == 0 ? "valid" : FuzzJson.Pick(FuzzJson.Mutations, _random);
            var bytes = FuzzJson.Mutate(JsonSerializer.Serialize(Record(id, startedAt: Start.AddMinutes(_random.Next(-60, 60))), UsageRecordJsonContext.Default.UsageRecord), mutation, _random);
            if (System.Text.Unicode.Utf8.IsValid(bytes))
            {
                bodies.Add(Encoding.UTF8.GetString(bytes));
            }
            else
            {
                bodies.Add(RawMarker);
                raw = bytes;
            }

            ids.Add(_random.Next(15) == 0 ? FuzzJson.Pick(["", new string('i', 300), "a/b", "\ud800"], _random) : id);
            mutations.Add(mutation);
        }

        var envelope = JsonSerializer.Serialize(new Dictionary<string, Dictionary<string, string>>
        {
            ["Data"] = new() { ["messages"] = JsonSerializer.Serialize(bodies) },
            ["Metadata"] = new()
            {
                ["MessageIdArray"] = JsonSerializer.Serialize(ids),
                ["DeliveryCountArray"] = JsonSerializer.Serialize(ids.Select(_ => _random.Next(8) == 0 ? long.MaxValue : _random.Next(1, 11))),
            },
        });
        return Envelope(envelope, "inner:" + string.Join(",", mutations.Distinct()), raw);
    }

    private (string Mutation, byte[] Body) AlertPayload()
    {
        var alert = JsonSerializer.Serialize(NotificationTestMessages.Alert(FuzzJson.Pick([50, 80, 100], _random), "key_" + _random.Next().ToString("x20", CultureInfo.InvariantCulture)), AlertJsonContext.Default.BudgetAlert);
        var mutation = _random.Next(4) == 0 ? "valid" : FuzzJson.Pick(FuzzJson.Mutations, _random);
        var bytes = FuzzJson.Mutate(alert, mutation, _random);
        byte[]? raw = null;
        string body;
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            body = Encoding.UTF8.GetString(bytes);
        }
        else
        {
            body = RawMarker;
            raw = bytes;
        }

        var envelope = JsonSerializer.Serialize(new Dictionary<string, Dictionary<string, string>>
        {
            ["Data"] = new() { ["message"] = JsonSerializer.Serialize(body) },
            ["Metadata"] = new() { ["MessageId"] = JsonSerializer.Serialize("alert-fz-" + _number), ["DeliveryCount"] = _random.Next(1, 12).ToString(CultureInfo.InvariantCulture) },
        });
        return Envelope(envelope, "inner:" + mutation, raw);
    }

    private (string Mutation, byte[] Body) TimerPayload()
    {
        var timer = """{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2026-11-20T09:55:00+00:00","Next":"2026-11-20T10:05:00+00:00","LastUpdated":"2026-11-20T10:00:00+00:00"},"IsPastDue":false}},"Metadata":{"sys":{"MethodName":"t","UtcNow":"2026-11-20T10:00:00Z","RandGuid":"0f8fad5b-d9cb-469f-a165-70867728950e"}}}""";
        if (_random.Next(3) == 0)
        {
            // Inside the timer value rather than the envelope.
            var inner = FuzzJson.Pick(FuzzJson.Mutations, _random);
            var members = FuzzJson.Members(timer);
            var data = FuzzJson.Members(members[0].Value);
            var value = FuzzJson.Mutate(data[0].Value, inner, _random);
            if (!System.Text.Unicode.Utf8.IsValid(value))
            {
                return ("timer:" + inner, value);
            }

            data[0] = (data[0].Name, value.Length == 0 ? "null" : Encoding.UTF8.GetString(value));
            members[0] = (members[0].Name, FuzzJson.Object(data));
            return ("timer:" + inner, Encoding.UTF8.GetBytes(FuzzJson.Object(members)));
        }

        return Envelope(timer, "timer", null);
    }

    /// <summary>The envelope, perhaps mutated itself; the marker of a body that is not UTF-8 replaced by its raw bytes.</summary>
    private (string Mutation, byte[] Body) Envelope(string envelope, string mutation, byte[]? raw)
    {
        if (raw is not null)
        {
            // Quotes, backslashes and control bytes dropped, so only the bytes are wrong, not the JSON around them.
            var text = envelope;
            var at = text.IndexOf(RawMarker, StringComparison.Ordinal);
            return (mutation, [.. Encoding.UTF8.GetBytes(text[..at]), .. raw.Where(b => b >= 0x80 || (b >= 0x20 && b != (byte)'"' && b != (byte)'\\')), .. Encoding.UTF8.GetBytes(text[(at + RawMarker.Length)..])]);
        }

        if (_random.Next(3) != 0)
        {
            return (mutation, Encoding.UTF8.GetBytes(envelope));
        }

        var outer = FuzzJson.Pick(FuzzJson.Mutations, _random);
        return (mutation + "+envelope:" + outer, FuzzJson.Mutate(envelope, outer, _random));
    }

    private List<KeyValuePair<string, string>> FunctionHeaders(ref string mutation)
    {
        var headers = new List<KeyValuePair<string, string>>();
        switch (_random.Next(20))
        {
            case 0:
                mutation += "+no-key";
                break;
            case 1:
                headers.Add(new(LocalFunctionKey.HeaderName, context.FunctionKey + "x"));
                mutation += "+wrong-key";
                break;
            case 2:
                headers.Add(new(LocalFunctionKey.HeaderName, context.FunctionKey));
                headers.Add(new("Origin", FuzzJson.Pick(["https://evil.example", "null", "http://localhost:1"], _random)));
                mutation += "+origin";
                break;
            case 3:
                headers.Add(new(LocalFunctionKey.HeaderName, context.FunctionKey));
                headers.Add(new("X-MS-CLIENT-PRINCIPAL-NAME", FuzzJson.Pick(["cfo@example.com", new string('p', 300), "\u00e9\u00e9"], _random)));
                headers.Add(new("x-keymeter-actor", Segment()));
                mutation += "+actor";
                break;
            default:
                headers.Add(new(LocalFunctionKey.HeaderName, context.FunctionKey));
                break;
        }

        return headers;
    }

    private FuzzCase Raw()
    {
        var (route, method, path, limit) = FuzzJson.Pick<(string, string, string, long)>(
        [
            ("POST /v1/chat/completions", "POST", "/v1/chat/completions", 32L * 1024 * 1024),
            ("POST /anthropic/v1/messages", "POST", "/anthropic/v1/messages", 32L * 1024 * 1024),
            ("POST /manage/keys", "POST", "/manage/keys", BodyLimits.Management),
            ("PUT /manage/teams/{email}", "PUT", "/manage/teams/a%40b.c", BodyLimits.Management),
            ("GET /reports/summary", "GET", "/reports/summary", BodyLimits.NoBody),
            ("POST /usage-aggregate", "POST", "/usage-aggregate", PayloadLimits.Batch),
            ("POST /alert-notify", "POST", "/alert-notify", PayloadLimits.SingleMessage),
            ("POST /usage-retention", "POST", "/usage-retention", PayloadLimits.Timer),
        ], _random);
        var headers = new List<KeyValuePair<string, string>>
        {
            new(LocalFunctionKey.HeaderName, context.FunctionKey),
            new("Authorization", "Bearer " + context.ProxyKey),
        };
        var body = Encoding.UTF8.GetBytes("""{"model":"gpt-5","messages":[{"role":"user","content":"hi"}],"Data":{}}""");
        if (_random.Next(2) == 0)
        {
            var claimed = FuzzJson.Pick([limit + 1, limit * 4, 100L * 1024 * 1024 + 1, 1L << 40], _random);
            headers.Add(new("Content-Length", claimed.ToString(CultureInfo.InvariantCulture)));
            return new FuzzCase(++_number, route, "oversized-content-length", method, path, headers, "application/json", body, FuzzTransport.OversizedContentLength);
        }

        headers.Add(new("Content-Length", (body.Length * 2).ToString(CultureInfo.InvariantCulture)));
        return new FuzzCase(++_number, route, "truncated-body", method, path, headers, "application/json", body, FuzzTransport.TruncatedBody);
    }
}
