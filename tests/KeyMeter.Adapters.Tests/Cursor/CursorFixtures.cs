namespace KeyMeter.Adapters.Tests.Cursor;

/// <summary>Admin API bodies shaped like the documented examples and the quirks real clients met (https://cursor.com/docs/account/teams/admin-api).</summary>
internal static class CursorFixtures
{
    /// <summary>
    /// The documented two-event example (string timestamp, fractional cents, no <c>tokenUsage</c> on the second), plus
    /// a third event with the older quirks: numeric timestamp, <c>kindLabel</c> with an enum code, a missing
    /// <c>cacheWriteTokens</c>, a string token count, float noise in cents, and fields nobody documented.
    /// </summary>
    public const string UsageEvents = """
        {"totalUsageEventsCount":113,
         "pagination":{"numPages":5,"currentPage":1,"pageSize":25,"hasNextPage":true,"hasPreviousPage":false},
         "usageEvents":[
          {"timestamp":"1750979225854","userEmail":"dev@corp.com","conversationId":"8f2e…",
           "model":"claude-4.5-sonnet","kind":"Usage-based","maxMode":true,"requestsCosts":5,
           "isTokenBasedCall":true,"isChargeable":true,"isHeadless":false,
           "tokenUsage":{"inputTokens":126,"outputTokens":450,"cacheWriteTokens":6112,"cacheReadTokens":11964,"totalCents":20.18},
           "chargedCents":21.36,"cursorTokenFee":1.18},
          {"timestamp":"1750978339901","userEmail":"admin@corp.com","model":"claude-4-sonnet-thinking",
           "kind":"Included in Business","maxMode":true,"requestsCosts":1.4,"isTokenBasedCall":false,
           "isChargeable":false,"isHeadless":false,"chargedCents":8},
          {"timestamp":1750977000000,"userEmail":"byok@corp.com","model":"gpt-5","kindLabel":"USAGE_EVENT_KIND_USER_API_KEY",
           "maxMode":false,"requestsCosts":0,"isTokenBasedCall":true,"isChargeable":true,"isHeadless":true,"cloudAgentId":"bc-42",
           "tokenUsage":{"inputTokens":"2000","outputTokens":300,"cacheReadTokens":100,"totalCents":40.16699999999999,"futureCounter":7},
           "chargedCents":0.06,"cursorTokenFee":0.06,"somethingNew":{"nested":[1,2,3]}}],
         "period":{"startDate":1748411762359,"endDate":1751003762359}}
        """;

    /// <summary>
    /// <c>/teams/daily-usage-data</c> without paging: the documented row (every field, numbers, <c>userId</c> a number),
    /// one with counts and <c>userId</c> as strings and fields nobody documented, one with counts missing or null, and
    /// one without an email.
    /// </summary>
    public const string DailyUsage = """
        {"data":[
          {"userId":12345,"day":"2026-11-20","date":1795132800000,"isActive":true,
           "totalLinesAdded":1543,"totalLinesDeleted":892,"acceptedLinesAdded":1102,"acceptedLinesDeleted":645,
           "totalApplies":87,"totalAccepts":73,"totalRejects":14,"totalTabsShown":342,"totalTabsAccepted":289,
           "composerRequests":45,"chatRequests":128,"agentRequests":12,"cmdkUsages":67,"subscriptionIncludedReqs":180,
           "apiKeyReqs":31,"usageBasedReqs":5,"bugbotUsages":3,"mostUsedModel":"gpt-5","applyMostUsedExtension":".tsx",
           "tabMostUsedExtension":".ts","clientVersion":"2.1.0","email":"developer@company.com"},
          {"userId":"user_PDSPmvukpYgZEDXsoNirw3CFhy","day":"2026-11-21","date":"1795219200000","isActive":true,
           "totalLinesAdded":"40","totalLinesDeleted":"2","acceptedLinesAdded":"38.0","totalTabsAccepted":"0",
           "composerRequests":"1","chatRequests":"0","agentRequests":"9","apiKeyReqs":"17","mostUsedModel":null,
           "email":"Ops@Company.com","somethingNew":{"nested":[1,2,3]}},
          {"userId":777,"day":"2026-11-21","date":1795219200000,"isActive":false,"email":"quiet@company.com",
           "totalLinesAdded":null,"agentRequests":""},
          {"userId":778,"day":"2026-11-21","date":1795219200000,"totalLinesAdded":3,"email":null}],
         "period":{"startDate":1795132800000,"endDate":1795392000000}}
        """;

    /// <summary>A roster with the old numeric id and the current encoded one.</summary>
    public const string Members = """
        {"teamMembers":[
          {"id":12345,"email":"owner@corp.com","name":"Olga Owner","role":"owner","isRemoved":false},
          {"id":"user_PDSPmvukpYgZEDXsoNirw3CFhy","email":"gone@corp.com","name":"Gus Gone","role":"member","isRemoved":true,"joinedAt":"2026-01-01"}]}
        """;

    /// <summary>One spend row with fractional cents (since 2026-06-04), a null limit and undocumented extras.</summary>
    public const string Spend = """
        {"teamMemberSpend":[
          {"userId":"user_PDSPmvukpYgZEDXsoNirw3CFhy","name":"Dana Dev","email":"dev@corp.com","role":"member",
           "spendCents":2450.125487,"overallSpendCents":4450.125487,"fastPremiumRequests":0,"hardLimitOverrideDollars":0,
           "monthlyLimitDollars":null,"effectivePerUserLimitDollars":500,"includedSpendCents":2000,"billingTier":"standard"}],
         "subscriptionCycleStart":1762992000000,"totalMembers":1,"totalPages":1,"limitedUsersCount":0}
        """;
}
