namespace WindowsNodeOperator.Hosting.Configuration;

internal enum LogFormat
{
    Simple,
    Json,
}
