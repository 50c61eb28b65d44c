using System.Text.Json;
using System.Text.Json.Serialization;
using KeyMeter.Core.Budgets;

namespace KeyMeter.Core.Alerts;

/// <summary>Budget periods in alert messages as <c>daily</c> and <c>monthly</c>.</summary>
internal sealed class BudgetPeriodJsonConverter() : JsonStringEnumConverter<BudgetPeriod>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);
