namespace WindowsNodeOperator.Cli;

/// <summary>One line on stderr that says what is being queried, rewritten in place and cleared at the end; silent when stderr is not a terminal.</summary>
internal sealed class Progress(TextWriter error, bool enabled)
{
    private int _width;

    public void Say(string text)
    {
        if (!enabled)
        {
            return;
        }

        error.Write("\r" + text.PadRight(_width));
        _width = text.Length;
    }

    public void Clear()
    {
        if (enabled && _width > 0)
        {
            error.Write("\r" + new string(' ', _width) + "\r");
            _width = 0;
        }
    }
}
