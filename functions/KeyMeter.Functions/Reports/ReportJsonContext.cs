using System.Text.Json;
using System.Text.Json.Serialization;

namespace KeyMeter.Functions.Reports;

/// <summary>JSON of the report boundary: camelCase, responses only.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SummaryResponse))]
[JsonSerializable(typeof(KeyDailyResponse))]
[JsonSerializable(typeof(BudgetStatusResponse))]
[JsonSerializable(typeof(DailySeriesResponse))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
