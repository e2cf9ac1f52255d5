//! The board.

use conveyor_core::usecases::board::{self, Board, BoardQuery};

commands! {
    /// The conveyor board of the open workspace.
    fn board_get(shell, query: BoardQuery) -> Board {
        board::get_board(shell.session.store()?, &shell.clock, &query)
    }
}
