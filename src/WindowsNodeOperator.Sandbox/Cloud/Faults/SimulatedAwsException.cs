namespace WindowsNodeOperator.Sandbox.Cloud.Faults;

/// <summary>An error response of the simulated AWS API, with the service's error code and HTTP status.</summary>
public sealed class SimulatedAwsException : Exception
{
    public SimulatedAwsException(string errorCode, int statusCode, string message)
        : base(message)
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
    }

    public SimulatedAwsException()
        : this("InternalFailure", 500, "Internal failure.")
    {
    }

    public SimulatedAwsException(string message)
        : this("InternalFailure", 500, message)
    {
    }

    public SimulatedAwsException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = "InternalFailure";
        StatusCode = 500;
    }

    public string ErrorCode { get; }

    public int StatusCode { get; }

    /// <summary>True when the service rejected the call before doing anything (throttling, 503, validation).</summary>
    public bool NotProcessed => StatusCode is 400 or 429 or 503 || ErrorCode.Contains("Throttl", StringComparison.Ordinal) || ErrorCode == "RequestLimitExceeded";

    internal static SimulatedAwsException Validation(string message) => new("ValidationError", 400, message);
}
