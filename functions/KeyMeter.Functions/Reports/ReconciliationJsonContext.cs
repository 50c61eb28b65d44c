using System.Text.Json;
using System.Text.Json.Serialization;

namespace KeyMeter.Functions.Reports;

/// <summary>JSON of the reconciliation report: camelCase, a response only, as <see cref="ReportJsonContext"/>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ReconciliationResponse))]
internal sealed partial class ReconciliationJsonContext : JsonSerializerContext;
