using System.Net;
using Amazon.Runtime;

namespace WindowsNodeOperator.Aws.AutoScaling.Errors;

internal sealed class IrreversibleInstanceRefreshException(string message, ErrorType errorType, string? requestId, HttpStatusCode statusCode)
    : AutoScalingServiceException(message, errorType, "IrreversibleInstanceRefresh", requestId, statusCode);
