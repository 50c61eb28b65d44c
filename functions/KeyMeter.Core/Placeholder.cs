namespace KeyMeter.Core; internal static class Placeholder { }
