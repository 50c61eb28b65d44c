using KeyMeter.Functions.Hosting;

return await KeyMeterApp.RunAsync(args);

/// <summary>The entry point; <see cref="KeyMeterApp"/> holds the composition.</summary>
public partial class Program;
