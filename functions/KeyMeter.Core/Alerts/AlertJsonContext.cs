using System.Text.Json;
using System.Text.Json.Serialization;

namespace KeyMeter.Core.Alerts;

/// <summary>JSON of the <c>alerts</c> queue: camelCase, periods as <c>daily</c> / <c>monthly</c>, exact decimals.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, Converters = [typeof(BudgetPeriodJsonConverter)], RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(BudgetAlert))]
public sealed partial class AlertJsonContext : JsonSerializerContext;
