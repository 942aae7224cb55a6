namespace WindowsNodeOperator.Cloud;

/// <summary>The SSM parameter a policy names exists but does not hold an AMI id: the spec (or the parameter) must change.</summary>
public sealed class AmiParameterNotAnImageException : Exception
{
    /// <summary>Values are quoted up to this length; an SSM value may be 8 KB.</summary>
    private const int Quoted = 64;

    public AmiParameterNotAnImageException()
        : this(string.Empty, string.Empty)
    {
    }

    public AmiParameterNotAnImageException(string parameterName, string value)
        : base($"SSM parameter {parameterName} holds '{Shorten(value)}', which is not an AMI id (ami-...)")
    {
        ParameterName = parameterName;
        Value = value;
    }

    public AmiParameterNotAnImageException(string parameterName, string value, Exception innerException)
        : base($"SSM parameter {parameterName} holds '{Shorten(value)}', which is not an AMI id (ami-...)", innerException)
    {
        ParameterName = parameterName;
        Value = value;
    }

    public string ParameterName { get; } = string.Empty;

    public string Value { get; } = string.Empty;

    private static string Shorten(string value) => value.Length <= Quoted ? value : string.Concat(value.AsSpan(0, Quoted), "...");
}
