using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using KeyMeter.Core.Scheduling;

namespace KeyMeter.Functions.CustomHandler;

/// <summary>Turns one deserialized <c>function.json</c> into a typed <see cref="FunctionDefinition"/>.</summary>
internal static partial class FunctionDefinitionParser
{
    public static DecodeResult<FunctionDefinition> Parse(string name, FunctionJson json, Func<string, string?>? appSettings)
    {
        // 1. Exactly one named trigger.
        var bindings = json.Bindings ?? [];
        var triggers = bindings.Where(binding => binding.Type?.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase) == true).ToList();
        if (triggers.Count != 1)
        {
            return Fail($"expected exactly one trigger binding, found {triggers.Count}.");
        }

        var trigger = triggers[0];
        if (string.IsNullOrWhiteSpace(trigger.Name))
        {
            return Fail($"the {trigger.Type} binding has no \"name\".");
        }

        // 2. The trigger's own settings.
        var type = trigger.Type!;
        if (type.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase))
        {
            return ParseHttp(name, json, bindings, trigger);
        }

        if (type.Equals("timerTrigger", StringComparison.OrdinalIgnoreCase))
        {
            return ParseTimer(name, json, trigger, appSettings);
        }

        if (type.Equals("serviceBusTrigger", StringComparison.OrdinalIgnoreCase))
        {
            return ParseServiceBus(name, json, trigger, appSettings);
        }

        return Fail($"trigger type '{type}' is not supported; use httpTrigger, timerTrigger or serviceBusTrigger.");
    }

    private static DecodeResult<FunctionDefinition> ParseHttp(string name, FunctionJson json, List<FunctionBindingJson> bindings, FunctionBindingJson trigger)
    {
        HttpAuthLevel authLevel;
        if (trigger.AuthLevel is null)
        {
            authLevel = HttpAuthLevel.Function;
        }
        else if (!Enum.TryParse(trigger.AuthLevel, ignoreCase: true, out authLevel) || !Enum.IsDefined(authLevel))
        {
            return Fail($"authLevel '{trigger.AuthLevel}' is not one of anonymous, function, admin.");
        }

        var route = string.IsNullOrWhiteSpace(trigger.Route) ? name : trigger.Route.TrimStart('/');
        var methods = (trigger.Methods ?? []).Select(method => method.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();

        // Proxied only when the bindings are exactly httpTrigger in + http out (IsHttpInAndOutFunction in the host).
        var isProxied = bindings.Count == 2
            && IsDirection(trigger, "in")
            && bindings.Count(binding => string.Equals(binding.Type, "http", StringComparison.OrdinalIgnoreCase) && IsDirection(binding, "out")) == 1;

        return Success(new HttpFunctionDefinition(name, trigger.Name!, json.Disabled, route, methods, authLevel, isProxied));
    }

    private static DecodeResult<FunctionDefinition> ParseTimer(string name, FunctionJson json, FunctionBindingJson trigger, Func<string, string?>? appSettings)
    {
        if (string.IsNullOrWhiteSpace(trigger.Schedule))
        {
            return Fail("the timerTrigger binding has no \"schedule\".");
        }

        if (!TryResolveSettings(trigger.Schedule, appSettings, out var expression, out var settingError))
        {
            return Fail($"schedule {settingError}");
        }

        if (!CronSchedule.TryParse(expression, out var schedule, out var scheduleError))
        {
            return Fail($"function '{name}' has an invalid timer schedule. {scheduleError}");
        }

        return Success(new TimerFunctionDefinition(name, trigger.Name!, json.Disabled, schedule, trigger.RunOnStartup ?? false));
    }

    private static DecodeResult<FunctionDefinition> ParseServiceBus(string name, FunctionJson json, FunctionBindingJson trigger, Func<string, string?>? appSettings)
    {
        if (trigger.TopicName is not null)
        {
            return Fail("topic subscriptions are not supported; trigger on a queue (\"queueName\").");
        }

        if (string.IsNullOrWhiteSpace(trigger.QueueName))
        {
            return Fail("the serviceBusTrigger binding has no \"queueName\".");
        }

        if (!TryResolveSettings(trigger.QueueName, appSettings, out var queueName, out var settingError))
        {
            return Fail($"queueName {settingError}");
        }

        ServiceBusCardinality cardinality;
        if (trigger.Cardinality is null)
        {
            cardinality = ServiceBusCardinality.One;
        }
        else if (!Enum.TryParse(trigger.Cardinality, ignoreCase: true, out cardinality) || !Enum.IsDefined(cardinality))
        {
            return Fail($"cardinality '{trigger.Cardinality}' is not one of one, many.");
        }

        var encoding = string.Equals(trigger.DataType, "binary", StringComparison.OrdinalIgnoreCase) ? BodyEncoding.Base64 : BodyEncoding.Text;
        return Success(new ServiceBusFunctionDefinition(name, trigger.Name!, json.Disabled, queueName, trigger.Connection, cardinality, encoding));
    }

    /// <summary>Replaces <c>%name%</c> with the app setting, as the host does for binding expressions.</summary>
    private static bool TryResolveSettings(
        string value,
        Func<string, string?>? appSettings,
        [NotNullWhen(true)] out string? resolved,
        [NotNullWhen(false)] out string? error)
    {
        string? missing = null;
        resolved = SettingReference().Replace(value, match =>
        {
            var setting = match.Groups[1].Value;
            var settingValue = appSettings?.Invoke(setting);
            missing ??= settingValue is null ? setting : null;
            return settingValue ?? match.Value;
        });
        error = missing is null ? null : $"'{value}' refers to app setting '{missing}', which is not set.";
        return missing is null;
    }

    private static bool IsDirection(FunctionBindingJson binding, string direction) =>
        string.Equals(binding.Direction, direction, StringComparison.OrdinalIgnoreCase);

    private static DecodeResult<FunctionDefinition> Success(FunctionDefinition definition) => DecodeResult<FunctionDefinition>.Success(definition);

    private static DecodeResult<FunctionDefinition> Fail(string error) => DecodeResult<FunctionDefinition>.Failure(error);

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingReference();
}
