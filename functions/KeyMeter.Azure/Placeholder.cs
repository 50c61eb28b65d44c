namespace KeyMeter.Azure; internal static class Placeholder { }
