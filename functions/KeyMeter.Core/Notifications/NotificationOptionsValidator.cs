using Microsoft.Extensions.Options;

namespace KeyMeter.Core.Notifications;

/// <summary>Checks <see cref="NotificationOptions"/> at start (source-generated from its annotations and cross-field checks).</summary>
[OptionsValidator]
public sealed partial class NotificationOptionsValidator : IValidateOptions<NotificationOptions>;
