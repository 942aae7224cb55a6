using System.Net;
using Amazon.Runtime;

namespace WindowsNodeOperator.Aws.AutoScaling.Errors;

internal sealed class ScalingActivityInProgressException(string message, ErrorType errorType, string? requestId, HttpStatusCode statusCode)
    : AutoScalingServiceException(message, errorType, "ScalingActivityInProgress", requestId, statusCode);
