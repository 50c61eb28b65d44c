namespace KeyMeter.Core.Proxy;

/// <summary>One open object or array while a request body is read; reused between bodies.</summary>
internal sealed class RequestFrame
{
    public MemberNames Names { get; } = new();

    public bool IsObject { get; private set; }

    public RequestFrameRole Role { get; private set; }

    /// <summary>Where the object or array starts.</summary>
    public int Start { get; private set; }

    /// <summary>The member whose value comes next (objects only).</summary>
    public RequestMember Member { get; set; }

    public void Reset(bool isObject, RequestFrameRole role, int start)
    {
        Names.Clear();
        IsObject = isObject;
        Role = role;
        Start = start;
        Member = RequestMember.Other;
    }
}
