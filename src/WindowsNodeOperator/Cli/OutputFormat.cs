namespace WindowsNodeOperator.Cli;

internal enum OutputFormat
{
    Table,
    Json,
    Markdown,
    Csv,
}
