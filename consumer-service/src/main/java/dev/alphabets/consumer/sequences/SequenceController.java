package dev.alphabets.consumer.sequences;

import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Read-only HTTP view of the received sequences; errors are answered as problem details.
 */
@RestController
@RequestMapping("/api/sequences")
class SequenceController {

	private final SequenceQueries queries;

	SequenceController(SequenceQueries queries) {
		this.queries = queries;
	}

	@GetMapping
	List<SequenceSummary> sequences(@RequestParam(defaultValue = "false") boolean incomplete,
			@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
		if (from != null && to != null && !from.isBefore(to)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'from' must be before 'to'");
		}
		return this.queries.summaries(incomplete, from, to);
	}

	@GetMapping("/{sequenceId}")
	SequenceDetail sequence(@PathVariable String sequenceId) {
		return this.queries.detail(sequenceId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No letter of sequence " + sequenceId + " is stored"));
	}

}
