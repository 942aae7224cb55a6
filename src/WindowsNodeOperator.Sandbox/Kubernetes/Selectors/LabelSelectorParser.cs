namespace WindowsNodeOperator.Sandbox.Kubernetes.Selectors;

/// <summary>Parser of the label selector query syntax (k8s.io/apimachinery/pkg/labels).</summary>
internal sealed class LabelSelectorParser(string text)
{
    private const string OperatorList = "in, notin, =, ==, !=, gt, lt";
    private readonly List<(Token Kind, string Text)> tokens = Lex(text);
    private int position;

    private enum Token
    {
        Identifier,
        Bang,
        Equals,
        DoubleEquals,
        NotEquals,
        In,
        NotIn,
        Greater,
        Less,
        Open,
        Close,
        Comma,
        End,
    }

    public List<LabelRequirement> Parse()
    {
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            var (kind, literal) = Peek();
            switch (kind)
            {
                case Token.Identifier or Token.Bang:
                    requirements.Add(Requirement());
                    var (next, nextLiteral) = Next();
                    if (next == Token.End)
                    {
                        return requirements;
                    }

                    if (next != Token.Comma)
                    {
                        throw LabelSyntax.Fail($"found '{nextLiteral}', expected: ',' or 'end of string'");
                    }

                    if (Peek().Kind is not (Token.Identifier or Token.Bang))
                    {
                        throw LabelSyntax.Fail($"found '{Peek().Text}', expected: identifier after ','");
                    }

                    break;
                case Token.End:
                    return requirements;
                default:
                    throw LabelSyntax.Fail($"found '{literal}', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private LabelRequirement Requirement()
    {
        var notExists = false;
        if (Peek().Kind == Token.Bang)
        {
            Next();
            notExists = true;
        }

        var (kind, key) = Next();
        if (kind != Token.Identifier)
        {
            throw LabelSyntax.Fail($"found '{key}', expected: identifier");
        }

        if (notExists || Peek().Kind is Token.End or Token.Comma)
        {
            return LabelSyntax.Requirement(key, notExists ? LabelOperator.DoesNotExist : LabelOperator.Exists, []);
        }

        var (op, opText) = Next();
        return op switch
        {
            Token.In => LabelSyntax.Requirement(key, LabelOperator.In, SetValues()),
            Token.NotIn => LabelSyntax.Requirement(key, LabelOperator.NotIn, SetValues()),
            Token.Equals or Token.DoubleEquals => LabelSyntax.Requirement(key, LabelOperator.Equals, [ExactValue()]),
            Token.NotEquals => LabelSyntax.Requirement(key, LabelOperator.NotEquals, [ExactValue()]),
            Token.Greater => LabelSyntax.Requirement(key, LabelOperator.GreaterThan, [ExactValue()]),
            Token.Less => LabelSyntax.Requirement(key, LabelOperator.LessThan, [ExactValue()]),
            _ => throw LabelSyntax.Fail($"found '{opText}', expected: {OperatorList}"),
        };
    }

    private string ExactValue()
    {
        var (kind, literal) = Peek();
        if (kind is Token.End or Token.Comma)
        {
            return string.Empty;
        }

        Next();
        return IsValueToken(kind) ? literal : throw LabelSyntax.Fail($"found '{literal}', expected: identifier");
    }

    private List<string> SetValues()
    {
        var (open, openText) = Next();
        if (open != Token.Open)
        {
            throw LabelSyntax.Fail($"found '{openText}' expected: '('");
        }

        var values = new List<string>();
        if (Peek().Kind == Token.Close)
        {
            Next();
            return values;
        }

        while (true)
        {
            var (kind, literal) = Next();
            if (IsValueToken(kind))
            {
                values.Add(literal);
                (kind, literal) = Next();
            }
            else if (kind is Token.Comma or Token.Close)
            {
                // An empty value between commas, as in "a in (x,,y)" or "a in (x,)".
                values.Add(string.Empty);
            }

            switch (kind)
            {
                case Token.Close:
                    return values;
                case Token.Comma:
                    continue;
                default:
                    throw LabelSyntax.Fail($"found '{literal}', expected: ',', ')' or identifier");
            }
        }
    }

    private static bool IsValueToken(Token kind) => kind is Token.Identifier or Token.In or Token.NotIn;

    private (Token Kind, string Text) Peek() => tokens[position];

    private (Token Kind, string Text) Next()
    {
        var token = tokens[position];
        if (position < tokens.Count - 1)
        {
            position++;
        }

        return token;
    }

    private static List<(Token, string)> Lex(string text)
    {
        var result = new List<(Token, string)>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var two = i + 1 < text.Length ? text.Substring(i, 2) : null;
            (Token, string)? symbol = two switch
            {
                "!=" => (Token.NotEquals, two),
                "==" => (Token.DoubleEquals, two),
                _ => c switch
                {
                    '!' => (Token.Bang, "!"),
                    '=' => (Token.Equals, "="),
                    '(' => (Token.Open, "("),
                    ')' => (Token.Close, ")"),
                    ',' => (Token.Comma, ","),
                    '>' => (Token.Greater, ">"),
                    '<' => (Token.Less, "<"),
                    _ => null,
                },
            };
            if (symbol is { } s)
            {
                result.Add(s);
                i += s.Item2.Length;
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && "!=(),<>".IndexOf(text[i], StringComparison.Ordinal) < 0)
            {
                i++;
            }

            var word = text[start..i];
            result.Add((word switch { "in" => Token.In, "notin" => Token.NotIn, _ => Token.Identifier }, word));
        }

        result.Add((Token.End, string.Empty));
        return result;
    }
}
