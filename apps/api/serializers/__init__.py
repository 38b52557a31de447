"""What the API reads and writes, one module per app. Reads are model serializers over the rows
the pages show; writes are plain serializers whose fields are the service's arguments, so a
service's refusal naming an argument lands on the field of the same name."""
