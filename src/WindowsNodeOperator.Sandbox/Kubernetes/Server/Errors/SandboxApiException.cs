using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server;

/// <summary>An API error carrying the v1.Status body kube-apiserver would answer with.</summary>
public sealed class SandboxApiException : Exception
{
    public SandboxApiException()
        : this(500, "InternalError", "internal error")
    {
    }

    public SandboxApiException(string message)
        : this(500, "InternalError", message)
    {
    }

    public SandboxApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = 500;
        Reason = "InternalError";
        Details = null;
    }

    public SandboxApiException(int code, string reason, string message, JsonObject? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    /// <summary>The HTTP status code.</summary>
    public int Code { get; }

    /// <summary>The machine-readable reason (NotFound, Conflict, Invalid...).</summary>
    public string Reason { get; }

    /// <summary>The Status details (name, group, kind, causes), if any.</summary>
    public JsonObject? Details { get; }

    /// <summary>Renders the v1.Status object.</summary>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        if (Details is not null)
        {
            status["details"] = Details.DeepClone();
        }

        status["code"] = Code;
        return status;
    }
}
