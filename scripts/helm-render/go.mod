module m365mcp/helm-render

go 1.19
