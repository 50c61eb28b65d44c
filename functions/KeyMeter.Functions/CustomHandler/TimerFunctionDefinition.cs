using KeyMeter.Core.Scheduling;

namespace KeyMeter.Functions.CustomHandler;

/// <summary>A <c>timerTrigger</c> function.</summary>
/// <param name="Name">The function name (see <see cref="FunctionDefinition"/>).</param>
/// <param name="BindingName">The trigger binding's name.</param>
/// <param name="Disabled">Whether the function is disabled.</param>
/// <param name="Schedule">The parsed <c>schedule</c> (app settings in <c>%name%</c> already resolved).</param>
/// <param name="RunOnStartup">Fire once when the app starts, besides the schedule.</param>
internal sealed record TimerFunctionDefinition(string Name, string BindingName, bool Disabled, CronSchedule Schedule, bool RunOnStartup)
    : FunctionDefinition(Name, BindingName, Disabled)
{
    public override string TriggerType => "timerTrigger";

    public override bool IsPayloadMode => true;
}
