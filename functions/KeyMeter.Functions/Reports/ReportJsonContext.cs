using System.Text.Json;
using System.Text.Json.Serialization;

namespace KeyMeter.Functions.Reports;

/// <summary>JSON of the report boundary, the routes under <c>/reports</c>: camelCase, responses only.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SummaryResponse))]
[JsonSerializable(typeof(KeyDailyResponse))]
[JsonSerializable(typeof(BudgetStatusResponse))]
[JsonSerializable(typeof(DailySeriesResponse))]
[JsonSerializable(typeof(ReconciliationResponse))]
[JsonSerializable(typeof(SessionsResponse))]
[JsonSerializable(typeof(AgentsResponse))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
